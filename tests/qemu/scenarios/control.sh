#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Control scenario: every reflectctl subcommand against the real module, --json output checked
# by parsing. An appliance (eth0, 192.168.50.10) and a LAN namespace with hosts; a static entry
# must really steer the appliance's packets to its MAC (counted in the LAN's ingress hook) once
# the interface has a neighbour entry for that MAC;
# apply twice changes nothing the second time; save in one namespace and restore into another
# gives the same table; monitor sees learn and expire events; exit codes say what went wrong.

. "$(dirname "$0")/lib.sh"

APPLIANCE4=192.168.50.10
STATIC_MAC=02:00:00:00:00:99

rc() { reflectctl appliance "$@"; }
jqc() { local json=$1; shift; jq -e "$@" <<< "$json" > /dev/null || { echo "$json"; return 1; }; }

# lan_host N: a LAN host (namespace lan-N) with 192.168.50.N and fd50::N.
lan_host() {
	add_namespaces "lan$1"
	ip link add eth0 netns "lan$1-$suffix" type veth peer name "h$1" netns "sw-$suffix"
	n sw ip link set "h$1" master lanbr up
	n "lan$1" ip link set eth0 up
	n "lan$1" ip addr add "192.168.50.$1/24" dev eth0
}

check "module loads" load_reflect
add_namespaces appliance appliance2 sw
n sw ip link add lanbr type bridge
n sw ip link set lanbr up
for a in appliance appliance2; do
	ip link add eth0 netns "$a-$suffix" type veth peer name "$a" netns "sw-$suffix"
	n sw ip link set "$a" master lanbr up
	n "$a" ip link set eth0 up
done
n appliance ip addr add "$APPLIANCE4/24" dev eth0
n appliance ip addr add fd50::10/64 dev eth0 nodad
n appliance2 ip addr add 192.168.50.20/24 dev eth0
n appliance ip route add default via 192.168.50.1
lan_host 1
lan_host 2
# The LAN side counts frames the appliance sends to the static entry's MAC.
n sw nft -f - <<-NFT
table netdev steer {
	chain in {
		type filter hook ingress device appliance priority 0; policy accept;
		ether daddr $STATIC_MAC ip daddr 10.9.9.9 counter name to_static
	}
	counter to_static { }
}
NFT

status_text() { local out; out=$(rc) && grep -q "0.1.0" <<< "$out" || { echo "$out"; return 1; }; }
check "reflectctl alone prints the status" status_text
status_json() { jqc "$(rc status --json)" '.version and (.counters | has("entries")) and .config.enabled == true'; }
check "status --json parses" status_json

switch() { rc "$1" && jqc "$(rc config get --json)" ".enabled == $2"; }
check "disable turns the global switch off" switch disable false
check "enable turns it on" switch enable true
config_set() {
	rc config set idle_timeout=600 event_rate=500 &&
		jqc "$(rc config get --json)" '.idle_timeout == 600 and .event_rate == 500'
}
check "config set changes what config get shows" config_set

iface_cycle() {
	rc iface add eth0 && jqc "$(rc iface list --json)" '[.interfaces[].name] == ["eth0"]' &&
		rc iface del eth0 && jqc "$(rc iface list --json)" '.interfaces == []' && rc iface add eth0
}
check "iface add, list and del" iface_cycle
scope_cycle() {
	rc scope add exclude 192.168.50.99/32 &&
		jqc "$(rc scope list --json)" '.scopes == [{"action":"exclude","prefix":"192.168.50.99/32"}]' &&
		rc scope del exclude 192.168.50.99/32 && jqc "$(rc scope list --json)" '.scopes == []'
}
check "scope add, list and del" scope_cycle

learned() {
	local mac
	mac=$(n lan2 cat /sys/class/net/eth0/address)
	n lan2 ping -q -c 2 -i 0.2 "$APPLIANCE4" > /dev/null &&
		jqc "$(rc entries list --json)" --arg mac "$mac" \
			'[.entries[] | select(.peer == "192.168.50.2")] | length == 1 and .[0].lladdr == $mac and .[0].iface == "eth0" and .[0].flags == []'
}
check "a LAN host is learned with its MAC" learned

static_add() {
	rc entries add 10.9.9.9 --local "$APPLIANCE4" --iface eth0 --lladdr "$STATIC_MAC" --static &&
		jqc "$(rc entries list --static --json)" --arg mac "$STATIC_MAC" \
			'.entries | length == 1 and .[0].peer == "10.9.9.9" and .[0].lladdr == $mac and .[0].flags == ["static"]'
}
check "entries add --static, and list --static shows only it" static_add
steered() {
	local before after
	before=$(nft_packets sw netdev steer to_static)
	n appliance ping -q -c 3 -i 0.2 -W 1 10.9.9.9 > /dev/null # nobody answers: only the frames count
	after=$(nft_packets sw netdev steer to_static)
	echo "frames to $STATIC_MAC: $((after - before))"
	[ $((after - before)) -ge 3 ]
}
# A next hop is reached through the neighbour entry its interface has for its MAC: without one,
# packets are routed (fb_no_neigh); with a permanent one, as an administrator adds for a router
# that never resolves this host, they go to the MAC.
no_neighbour() {
	local before after
	before=$(json_field "$(rc stats --json)" fb_no_neigh)
	n appliance ping -q -c 3 -i 0.2 -W 1 10.9.9.9 > /dev/null
	after=$(json_field "$(rc stats --json)" fb_no_neigh)
	echo "fb_no_neigh: $before -> $after"
	[ $((after - before)) -ge 3 ]
}
check "without a neighbour entry for its MAC the static entry falls back" no_neighbour
n appliance ip neigh add 192.168.50.99 lladdr "$STATIC_MAC" dev eth0 nud permanent
check "the static entry steers packets to its MAC" steered
duplicate_refused() {
	rc entries add 10.9.9.9 --local "$APPLIANCE4" --iface eth0 --lladdr 02:00:00:00:00:98
	[ $? -eq 5 ]
}
check "adding an existing key is a kernel refusal (exit 5)" duplicate_refused
replaced() {
	rc entries add 10.9.9.9 --local "$APPLIANCE4" --iface eth0 --lladdr 02:00:00:00:00:98 --static --replace &&
		jqc "$(rc entries list --peer 10.9.9.0/24 --json)" '.entries | length == 1 and .[0].lladdr == "02:00:00:00:00:98"'
}
check "entries add --replace changes the next hop; list --peer filters by prefix" replaced
filtered() {
	jqc "$(rc entries list --local "$APPLIANCE4" --iface eth0 --json)" '[.entries[].peer] | index("10.9.9.9") != null' &&
		jqc "$(rc entries list --local fd50::10 --json)" '.entries | all(.family == "inet6")'
}
check "entries list filters by local address and interface" filtered
static_del() {
	rc entries del 10.9.9.9 --local "$APPLIANCE4" && jqc "$(rc entries list --static --json)" '.entries == []'
}
check "entries del removes it" static_del
flush_filtered() {
	n lan1 ping -q -c 2 -i 0.2 "$APPLIANCE4" > /dev/null &&
		rc entries flush --peer 192.168.50.1/32 &&
		jqc "$(rc entries list --json)" '[.entries[].peer] | (index("192.168.50.1") == null) and (index("192.168.50.2") != null)'
}
check "entries flush --peer drops only the matching entries" flush_filtered

stats_json() {
	jqc "$(rc stats --json)" '.counters.learned >= 2 and .counters.entries >= 1' &&
		jqc "$(rc stats --iface eth0 --json)" '.counters.learned >= 2' &&
		jqc "$(rc stats --local "$APPLIANCE4" --json)" '.counters.learned >= 1'
}
check "stats globally, per interface and per local address" stats_json

cat > "/tmp/desired-$suffix.json" <<-JSON
{
  "config": { "idle_timeout": 900, "confirm_packets": 6 },
  "interfaces": [ "eth0" ],
  "scopes": { "exclude": [ "192.168.50.99/32" ] },
  "entries": [ { "local": "$APPLIANCE4", "peer": "10.8.8.8", "iface": "eth0", "lladdr": "$STATIC_MAC" } ]
}
JSON
apply_dry() {
	jqc "$(rc apply -f "/tmp/desired-$suffix.json" --dry-run --json)" '.dry_run and (.changes | length) == 4' &&
		jqc "$(rc config get --json)" '.idle_timeout == 600' && jqc "$(rc scope list --json)" '.scopes == []'
}
check "apply --dry-run shows the changes and makes none" apply_dry
apply_first() {
	jqc "$(rc apply -f "/tmp/desired-$suffix.json" --json)" '(.changes | length) == 4' &&
		jqc "$(rc config get --json)" '.idle_timeout == 900 and .confirm_packets == 6' &&
		jqc "$(rc scope list --json)" '.scopes == [{"action":"exclude","prefix":"192.168.50.99/32"}]' &&
		jqc "$(rc entries list --static --json)" '[.entries[].peer] == ["10.8.8.8"]'
}
check "apply makes the kernel what the file says" apply_first
check "apply again changes nothing" jqc "$(rc apply -f "/tmp/desired-$suffix.json" --json)" '.changes == []'
apply_env() {
	n appliance env REFLECT_config__idle_timeout=1200 "$REFLECTCTL" apply -f "/tmp/desired-$suffix.json" > /dev/null &&
		jqc "$(rc config get --json)" '.idle_timeout == 1200'
}
check "a REFLECT_ environment variable overrides the file" apply_env

# save/restore: appliance's table (learned and static) into appliance2, by interface name.
n lan1 ping -q -c 2 -i 0.2 "$APPLIANCE4" > /dev/null
saved() {
	rc save -f "/tmp/table-$suffix.json" && jqc "$(cat "/tmp/table-$suffix.json")" '.entries | length >= 3'
}
check "save writes the table" saved
project='[.entries[] | {local, peer, iface, lladdr, flags, proto, local_port, peer_port}] | sort_by(.local, .peer)'
restored() {
	reflectctl appliance2 iface add eth0 &&
		reflectctl appliance2 restore -f "/tmp/table-$suffix.json" || return 1
	jq -S "$project" "/tmp/table-$suffix.json" > "/tmp/saved-$suffix"
	reflectctl appliance2 entries list --json | jq -S "$project" > "/tmp/restored-$suffix"
	diff "/tmp/saved-$suffix" "/tmp/restored-$suffix"
}
check "restore into another namespace gives the same table" restored

# monitor: learn events from new LAN hosts, expire events once they fall idle. The monitor runs
# until it has shown both (or 40 s pass); then SIGTERM stops it (exec: $! is reflectctl itself).
monitor_saw() {
	jq -e -s --arg event "$1" 'any(.[]; .event == $event and (.entry.peer | startswith("192.168.50.1")))' \
		"/tmp/events-$suffix.json" > /dev/null 2>&1
}
monitor_events() {
	local i=100 events="/tmp/events-$suffix.json"
	rc config set idle_timeout=1 > /dev/null || return 1
	(exec ip netns exec "appliance-$suffix" "$REFLECTCTL" monitor --json --timeout 40) > "$events" &
	local monitor=$!
	# New sources keep coming until the monitor, which needs a moment to subscribe, shows one.
	until monitor_saw learn || [ "$i" -ge 115 ]; do
		i=$((i + 1))
		n lan1 ip addr add "192.168.50.$i/24" dev eth0
		n lan1 ping -q -c 1 -W 1 -I "192.168.50.$i" "$APPLIANCE4" > /dev/null
	done
	wait_for 30 monitor_saw expire
	kill "$monitor" 2> /dev/null
	wait "$monitor"
	jq -c 'select(.event == "learn" or .event == "expire") | [.event, .entry.peer]' "$events" | sort -u | head -40
	monitor_saw learn && monitor_saw expire
}
check_shown "monitor receives learn and expire events" monitor_events

unprivileged_refused() {
	n appliance setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$REFLECTCTL" entries flush
	[ $? -eq 4 ]
}
check "a change without CAP_NET_ADMIN exits 4" unprivileged_refused
usage_error() {
	rc entries add not-an-address
	[ $? -eq 2 ]
}
check "a usage error exits 2" usage_error
kernel_refusal() {
	local out
	out=$(rc iface del lo 2>&1)
	[ $? -eq 5 ] && grep -q "reflection is not enabled on this interface" <<< "$out" || { echo "$out"; return 1; }
}
check "a kernel refusal exits 5 with the kernel's message" kernel_refusal

cleanup
check "module unloads" rmmod reflect
not_loaded() {
	local out
	out=$(rc status 2>&1)
	[ $? -eq 3 ] && grep -qi "insmod\|modprobe" <<< "$out" || { echo "$out"; return 1; }
}
add_namespaces appliance
check "without the module, status exits 3 and says how to load it" not_loaded
finish
