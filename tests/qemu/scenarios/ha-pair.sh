#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# An HA pair on the two-router topology (topology.sh): the appliance (192.168.50.10) and a
# standby (192.168.50.11) on the same LAN run real keepalived with one VRRP virtual address,
# 192.168.50.100, which the client uses. Both have reflection on from the same desired-state
# file (packaging/reflect.json's settings, eth0, R2 named) and the shipped notify script
# (packaging/keepalived/keepalived-notify). Their default routes go via R1; the client comes
# in via R2, so every reply that leaves via R2 was reflected.
#
# The master fails twice: first its keepalived stops (it hands over at once, priority 0), then,
# after it has taken the address back, its link is pulled (the standby waits three missed
# adverts). Each time the standby takes the address and answers the client via R2 from its first
# reply on (R1 carries nothing), its entry for the client points at R2, a new TCP connection
# transfers via R2, and the time from the failure to the standby's first reply is measured. The
# standby's replies are told from the master's by their TTL (the standby's default TTL is 60).
#
# On the default kernel and the newest only: the pair adds keepalived over a datapath that the
# other scenarios cover on every kernel, and CI's time is better spent there.
# kernels: 6.1 sid

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

VIP=192.168.50.100
notify=$REFLECT_ROOT/packaging/keepalived/keepalived-notify
state=/tmp/ha-$suffix
mkdir -p "$state"

check "module loads" load_reflect
topology_two_routers
add_lan_appliance standby 192.168.50.11
n standby sysctl -qw net.ipv4.ip_default_ttl=60
r2mac=$(mac_of r2 lan0)

# What each node sends the client, counted in its own output path.
count_sent() {
	n "$1" nft -f - <<-NFT
	table inet ha {
		counter to_client { }
		chain out {
			type filter hook output priority 0; policy accept;
			ip daddr $CLIENT4 counter name to_client
		}
	}
	NFT
}
sent() { nft_packets "$1" inet ha to_client; }
count_sent appliance
count_sent standby

# The same desired state on both, as /etc/reflect/reflect.json would hold it on each.
jq '. + { "interfaces": ["eth0"], "nexthops": { "eth0": ["192.168.50.2"] } }' \
	"$REFLECT_ROOT/packaging/reflect.json" > "$state/reflect.json"
check "reflectctl apply brings up reflection on the master" reflectctl appliance apply -f "$state/reflect.json"
check "and on the standby, from the same file" reflectctl standby apply -f "$state/reflect.json"

# keepalived NODE PRIORITY: keepalived in NODE's namespace, VRRP only, in the foreground of a
# background job, logging to its own file.
keepalived_conf() {
	cat <<-CONF
	global_defs {
	    router_id $1
	    script_user root
	}
	vrrp_instance storage {
	    state $3
	    interface eth0
	    virtual_router_id 51
	    priority $2
	    advert_int 1
	    virtual_ipaddress {
	        $VIP/24 dev eth0
	    }
	    notify_master "/usr/bin/env REFLECTCTL=$REFLECTCTL REFLECT_CONFIG=$state/reflect.json REFLECT_TABLE=$state/table.json $notify master $VIP"
	    notify_backup "/usr/bin/env REFLECTCTL=$REFLECTCTL $notify backup $VIP"
	}
	CONF
}
start_keepalived() {
	keepalived_conf "$1" "$2" "$3" > "$state/$1.conf"
	n "$1" keepalived -n -l -D -P -G -f "$state/$1.conf" -p "$state/$1.pid" -r "$state/$1-vrrp.pid" \
		>> "$state/$1.log" 2>&1 &
	echo $! > "$state/$1.job"
}
# stop_keepalived NODE: SIGTERM to keepalived (its pid file), as systemctl stop sends; it
# gives up the address with a priority-0 advert. Waits for the job to end.
stop_keepalived() {
	kill -TERM "$(cat "$state/$1.pid")" 2> /dev/null
	wait "$(cat "$state/$1.job")" 2> /dev/null
	return 0
}
holds_vip() {
	n "$1" ip -4 addr show dev eth0 | grep -q " $VIP/"
}
master_is() {
	holds_vip "$1" && ! holds_vip "$2"
}

start_iperf3
n standby iperf3 -s -D --logfile "$state/iperf3-standby.log"
start_keepalived appliance 150 MASTER
start_keepalived standby 100 BACKUP
check "the appliance becomes master and holds the virtual address" eventually 20 master_is appliance standby

check "the client reaches the virtual address, answered via R2" carried_by r2 icmp n client ping -q -c 5 -i 0.1 -W 2 "$VIP"
# entry_via_r2 NODE PEER: NODE's entry for PEER on the virtual address points at R2.
entry_via_r2() {
	local entry
	entry=$(entry_for "$(reflectctl "$1" entries list --local "$VIP" --json)" "$2")
	echo "entry: $entry"
	[ "$(jq -r .lladdr <<< "$entry")" = "$r2mac" ]
}
check "the master's entry for the client points at R2" entry_via_r2 appliance "$CLIENT4"

# failover HOW COMMAND...: with the client pinging the virtual address every 50 ms, runs COMMAND
# (the failure) and waits for the standby to answer. Leaves the failover time in $state/failover
# and the counters before it in $state/before.
failover() {
	local how=$1 t0
	shift
	echo "$(replies r1 icmp) $(replies r2 icmp) $(sent standby)" > "$state/before"
	# exec: $! is ping itself, which kill then stops.
	(exec ip netns exec "client-$suffix" ping -D -i 0.05 -W 1 "$VIP") > "$state/ping-$how.log" 2>&1 &
	local pinger=$!
	wait_for 10 grep -q "ttl=63" "$state/ping-$how.log"
	t0=$(date +%s.%N)
	"$@"
	wait_for 30 grep -q "ttl=59" "$state/ping-$how.log"
	sleep 0.5
	kill "$pinger" 2> /dev/null
	wait "$pinger" 2> /dev/null
	# The first reply from the standby (TTL 60, one hop: 59) after the failure.
	awk -v t0="$t0" -F'[][]' '/ttl=59/ { t = $2 + 0; if (t > t0) { printf "%.0f\n", (t - t0) * 1000; exit } }' \
		"$state/ping-$how.log" > "$state/failover"
	echo "$how: the standby's first reply $(cat "$state/failover") ms after the failure"
}

# standby_reflected: since just before the failure R1 carried none of the replies, R2 carried
# some, the standby sent some, and the ping log has the standby's first reply.
standby_reflected() {
	local r1 r2 s
	read -r r1 r2 s < "$state/before"
	echo "icmp replies via R1: $(($(replies r1 icmp) - r1)), via R2: $(($(replies r2 icmp) - r2)), sent by the standby: $(($(sent standby) - s))"
	echo "failover: $(cat "$state/failover") ms"
	[ "$(replies r1 icmp)" -eq "$r1" ] && [ "$(($(replies r2 icmp) - r2))" -ge 3 ] &&
		[ "$(($(sent standby) - s))" -ge 3 ] && [ -s "$state/failover" ]
}

# A client that stays quiet across the failover: its entry is only in the table the master saves
# (to shared storage, say), which the notify script restores on the new master.
QUIET=10.50.0.200
save_master_table() {
	reflectctl appliance entries add "$QUIET" --local "$VIP" --iface eth0 --lladdr "$r2mac" &&
		reflectctl appliance save -f "$state/table.json" && jq -e '.entries | length >= 2' "$state/table.json"
}
check "the master's table is saved, with a quiet client's entry" save_master_table

failover keepalived stop_keepalived appliance
check_shown "keepalived stopped on the master: the standby takes the address" master_is standby appliance
check_shown "and answers via R2 from its first reply on" standby_reflected
check "its entry for the client points at R2" entry_via_r2 standby "$CLIENT4"
check "the notify script restored the saved table: the quiet client's entry points at R2" eventually 10 entry_via_r2 standby "$QUIET"
check "a new TCP connection transfers, via R2" carried_by r2 tcp iperf3_transfer "$VIP" -R -t 1

start_keepalived appliance 150 MASTER
check "the appliance, back, takes the address again" eventually 20 master_is appliance standby
check "and answers via R2" carried_by r2 icmp n client ping -q -c 5 -i 0.1 -W 2 "$VIP"

failover link n switch ip link set appliance-eth0 down
check_shown "the master's link pulled: the standby takes the address" holds_vip standby
check_shown "and answers via R2 from its first reply on" standby_reflected
check "its entry for the client points at R2" entry_via_r2 standby "$CLIENT4"
check "a new TCP connection transfers, via R2" carried_by r2 tcp iperf3_transfer "$VIP" -R -t 1

stop_keepalived appliance
stop_keepalived standby
cleanup
finish
