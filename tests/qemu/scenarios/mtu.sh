#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Datapath scenario 4: the learned interface has a smaller MTU than the packets. The client comes
# in over the second leg (eth1, MTU 1280, via R2); the appliance sends full-size TCP segments
# (its route MTU is 1500): they do not fit eth1, so they fall back to routing (via R1), counted,
# and the transfer completes; small packets (pings, and the transfer's handshakes and control
# messages) are still reflected over eth1 via R2. Each router counts the TCP packets to the client
# that are longer than eth1's MTU: R1 must carry the large segments, R2 none.

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

# count_large NS: a counter in router NS's forward chain (topology.sh's) of the TCP packets to the
# client that would not fit eth1.
count_large() {
	n "$1" nft add counter inet scenario tcp_large
	n "$1" nft insert rule inet scenario forward oifname wan0 meta l4proto tcp meta length '>' 1280 counter name tcp_large
}

# tcp_seen: the TCP packets to the client so far: "large via R1, large via R2, all via R2".
tcp_seen() {
	echo "$(nft_packets r1 inet scenario tcp_large) $(nft_packets r2 inet scenario tcp_large) $(replies r2 tcp)"
}

# split_by_size BEFORE: since BEFORE (a tcp_seen), R1 carried the large segments (routing, after
# the MTU fallback) and R2 none of them, while R2 still carried the small packets (reflected).
split_by_size() {
	local before now large1 large2 small2
	read -ra before <<< "$1"
	read -ra now <<< "$(tcp_seen)"
	large1=$((now[0] - before[0])) large2=$((now[1] - before[1])) small2=$((now[2] - before[2]))
	echo "large via R1: $large1, large via R2: $large2, small via R2: $small2"
	[ "$large1" -ge 3 ] && [ "$large2" -eq 0 ] && [ "$small2" -gt 0 ]
}

check "module loads" load_reflect
topology_two_routers
second_leg
n appliance ip link set eth1 mtu 1280
n r2 ip link set lan1 mtu 1280
count_large r1
count_large r2
start_iperf3
check "reflection is enabled on eth1" reflectctl appliance iface add eth1
check "small replies are reflected over eth1 via R2" carried_by r2 icmp ping4 5
before=$(tcp_seen)
check "a transfer with segments larger than eth1's MTU completes" tcp4
check "its large segments went via R1, its small packets via R2" split_by_size "$before"
before=$(tcp_seen)
check "IPv6 too" tcp6
check "IPv6: large segments via R1, small packets via R2" split_by_size "$before"
stats=$(reflectctl appliance stats --json)
echo "$stats"
check "MTU fallback is counted" test "$(counter "$stats" fb_mtu)" -gt 0

cleanup
check "module unloads" rmmod reflect
finish
