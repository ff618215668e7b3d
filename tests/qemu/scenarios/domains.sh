#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Datapath scenario: the same addresses in two layer-3 domains are two entries.
#  - VRFs: the appliance has two VRFs, blue and red, each with the two-router world of
#    topology.sh on its own LAN (its default route via R1, the client via R2) and the same
#    addresses: 192.168.50.10 in both, a client 10.50.0.100 in both. With `ct state invalid drop`
#    in the appliance's input and output (a normal appliance firewall), TCP connections through
#    the blue VRF complete and are reflected via blue's R2 (conntrack sees the reflected SYN-ACK);
#    each VRF's client has its own entry, on its own interface, answered via its own R2.
#  - IPv6 link-local: two hosts with the same fe80::99 on two enabled links (ll0, ll1), each
#    answered on its own link: two entries, one per link.
#
#            vrf-blue: eth0 -- lan-blue -- R1/R2 (blue) -- wan-blue -- client-blue
#   appliance vrf-red: eth1 -- lan-red  -- R1/R2 (red)  -- wan-red  -- client-red
#             ll0 fe80::10 ---- p0 fe80::99      ll1 fe80::10 ---- p1 fe80::99

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

# vrf_world COLOR TABLE DEVICE: VRF vrf-COLOR (routing table TABLE) on the appliance, DEVICE in it,
# and the two-router world of topology.sh on bridges of its own, with namespaces r1-COLOR,
# r2-COLOR and client-COLOR.
vrf_world() {
	local c=$1 table=$2 dev=$3 i
	add_namespaces "r1$c" "r2$c" "client$c"
	n switch ip link add "lan$c" type bridge
	n switch ip link add "wan$c" type bridge
	n switch ip link set "lan$c" up
	n switch ip link set "wan$c" up
	port appliance "$dev" "lan$c"
	n appliance ip link add "vrf-$c" type vrf table "$table"
	n appliance ip link set "vrf-$c" up
	n appliance ip link set "$dev" master "vrf-$c"
	n appliance ip addr add "$APPLIANCE4/24" dev "$dev"
	n appliance ip route add vrf "vrf-$c" default via 192.168.50.1
	# R2 is a trusted next hop: a gateway of a table (not the VRF's: routing answers via R1).
	n appliance ip route add default via 192.168.50.2 dev "$dev" table $((table + 100))
	for i in 1 2; do
		port "r$i$c" lan0 "lan$c"
		port "r$i$c" wan0 "wan$c"
		n "r$i$c" ip addr add "192.168.50.$i/24" dev lan0
		n "r$i$c" ip addr add "10.50.0.$i/24" dev wan0
		n "r$i$c" sysctl -qw net.ipv4.ip_forward=1
		count_replies "r$i$c"
	done
	port "client$c" eth0 "wan$c"
	n "client$c" ip addr add "$CLIENT4/24" dev eth0
	n "client$c" ip route add default via 10.50.0.2
}

firewall() {
	n appliance nft -f - <<-NFT
	table inet appliance {
		chain input {
			type filter hook input priority 0; policy accept;
			ct state invalid counter drop
		}
		chain output {
			type filter hook output priority 0; policy accept;
			ct state invalid counter drop
		}
	}
	NFT
}

# replies_via COLOR PROTO COMMAND...: COMMAND's replies to COLOR's client went via COLOR's R2 (at
# least 3) and none via its R1.
replies_via() {
	local c=$1 proto=$2 r1 r2 d1 d2
	shift 2
	r1=$(replies "r1$c" "$proto")
	r2=$(replies "r2$c" "$proto")
	"$@" || { echo "traffic failed: $*"; return 1; }
	d1=$(($(replies "r1$c" "$proto") - r1)) d2=$(($(replies "r2$c" "$proto") - r2))
	echo "$c: $proto replies via R1: $d1, via R2: $d2"
	[ "$d2" -ge 3 ] && [ "$d1" -eq 0 ]
}

enable() {
	local dev
	for dev; do
		reflectctl appliance iface add "$dev" || return 1
	done
}

ping_from() { n "client$1" ping -q -c 5 -i 0.1 -W 2 "$APPLIANCE4"; }

tcp_from() {
	n "client$1" iperf3 -c "$APPLIANCE4" --connect-timeout 5000 -R -n 256K > "/tmp/iperf3-$1-$suffix.log" 2>&1 ||
		{ cat "/tmp/iperf3-$1-$suffix.log"; return 1; }
}

# one_entry_per DEVICE...: one entry for the client per DEVICE, each learned on it, with a domain
# of its own.
one_entry_per() {
	local json
	json=$(entries_json)
	echo "$json"
	jq -e --arg peer "$CLIENT4" --argjson devs "$(printf '%s\n' "$@" | jq -R . | jq -s .)" '
		[.entries[] | select(.peer == $peer)] as $e
		| ($e | length) == ($devs | length)
		and ([$e[].iface] | sort) == ($devs | sort)
		and ([$e[].domain] | unique | length) == ($devs | length)
		and all($e[]; .domain != 0)' <<< "$json"
}

# link_local_pair: two links, ll0 and ll1, each with a host that holds fe80::99; the appliance
# has fe80::10 on both.
link_local_pair() {
	local i
	add_namespaces p0 p1
	for i in 0 1; do
		ip link add "ll$i" netns "appliance-$suffix" type veth peer name eth0 netns "p$i-$suffix"
		n appliance ip link set "ll$i" up
		n "p$i" ip link set eth0 up
		n appliance ip addr add fe80::10/64 dev "ll$i" nodad
		n "p$i" ip addr add fe80::99/64 dev eth0 nodad
	done
}

ping_link_local() { n "p$1" ping -6 -q -c 3 -i 0.1 -W 2 fe80::10%eth0; }

link_local_entries() {
	local json
	json=$(entries_json)
	echo "$json"
	jq -e '[.entries[] | select(.peer == "fe80::99")] as $e
		| ($e | length) == 2 and ([$e[].iface] | sort) == ["ll0", "ll1"]
		and ([$e[].domain] | unique | length) == 2' <<< "$json"
}

check "module loads" load_reflect
add_namespaces appliance switch
n switch sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
check "the blue VRF's world is built" vrf_world blue 10 eth0
check "the red VRF's world is built" vrf_world red 20 eth1
# Services listening outside any VRF answer in the VRF the connection came through.
n appliance sysctl -qw net.ipv4.tcp_l3mdev_accept=1
start_iperf3
check "the appliance drops what conntrack finds invalid" firewall
check "reflection is enabled on eth0 and eth1" enable eth0 eth1
check "blue: pings are answered via blue's R2" replies_via blue icmp ping_from blue
check "red: pings are answered via red's R2" replies_via red icmp ping_from red
check "the client has one entry per VRF, each on its own interface" one_entry_per eth0 eth1
reflectctl appliance stats --json
check "blue: a TCP transfer completes through the firewall, reflected via blue's R2" \
	replies_via blue tcp tcp_from blue
check "red: a TCP transfer completes too, via red's R2" replies_via red tcp tcp_from red

link_local_pair
check "reflection is enabled on ll0 and ll1" enable ll0 ll1
check "the host on ll0 is answered" ping_link_local 0
check "the host on ll1 is answered" ping_link_local 1
check "the host on ll0 is still answered after ll1's" ping_link_local 0
check "fe80::99 has one entry per link" link_local_entries

cleanup
check "module unloads" rmmod reflect
finish
