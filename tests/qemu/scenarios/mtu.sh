#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Datapath scenario 4: the learned interface has a smaller MTU than the packets. The client comes
# in over the second leg (eth1, MTU 1280, via R2); the appliance's route to the client (via R1
# on eth0) allows 1500. Reflected packets take the stack's own output path, which handles that
# as it does for any route through a smaller MTU: a full-size TCP segment (DF) that does not fit
# eth1 is refused with an ICMP "fragmentation needed" to the sending socket, the path MTU to the
# client becomes 1280, and the transfer goes on in smaller segments, all via R2. Nothing falls
# back to R1 (routing would skip the reflected path, the one the client's firewall expects).
# Each router counts the TCP packets to the client that are longer than eth1's MTU: none may
# reach R1.

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

# count_large NS: a counter in router NS's forward chain (topology.sh's) of the TCP packets to the
# client that would not fit eth1.
count_large() {
	n "$1" nft add counter inet scenario tcp_large
	n "$1" nft insert rule inet scenario forward oifname wan0 meta l4proto tcp meta length '>' 1280 counter name tcp_large
}

# tcp_seen: the TCP packets to the client so far: "large via R1, large via R2, all via R2, all
# via R1".
tcp_seen() {
	echo "$(nft_packets r1 inet scenario tcp_large) $(nft_packets r2 inet scenario tcp_large)" \
		"$(replies r2 tcp) $(replies r1 tcp)"
}

# all_via_r2 BEFORE: since BEFORE (a tcp_seen), R2 carried the transfer's packets and R1 none,
# large or small.
all_via_r2() {
	local before now large1 small1 small2
	read -ra before <<< "$1"
	read -ra now <<< "$(tcp_seen)"
	large1=$((now[0] - before[0])) small1=$((now[3] - before[3])) small2=$((now[2] - before[2]))
	echo "large via R1: $large1, all via R1: $small1, all via R2: $small2"
	[ "$large1" -eq 0 ] && [ "$small1" -eq 0 ] && [ "$small2" -gt 0 ]
}

# path_mtu FLAGS ADDRESS: the appliance's route to ADDRESS now carries a path MTU of 1280.
path_mtu() {
	n appliance ip "$1" route get "$2" | tee /dev/stderr | grep -q 'mtu 1280'
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
check "all of it went via R2, nothing via R1" all_via_r2 "$before"
check "the stack learned eth1's MTU as the path MTU to the client" path_mtu -4 "$CLIENT4"
before=$(tcp_seen)
check "IPv6 too" tcp6
check "IPv6: all of it via R2, nothing via R1" all_via_r2 "$before"
check "IPv6: the path MTU to the client is eth1's" path_mtu -6 "$CLIENT6"
stats=$(reflectctl appliance stats --json)
echo "$stats"
check "nothing fell back for its size" test "$(counter "$stats" fb_mtu)" -eq 0

cleanup
check "module unloads" rmmod reflect
finish
