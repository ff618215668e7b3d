#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Datapath scenario 1 on the two-router topology (topology.sh): the client reaches the appliance
# via R2, the appliance's default route is R1. Without reflection the replies leave via R1; with
# reflection enabled on the appliance's eth0 they leave via R2, for ICMP echo, UDP and TCP, IPv4
# and IPv6. Which router carried them is read from the routers' nftables counters, not inferred
# from traffic flowing. The learned entries name eth0 and R2's MAC.

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

entries_point_at() {
	local json=$1 mac=$2 peer
	echo "$json"
	for peer in "$CLIENT4" "$CLIENT6"; do
		jq -e --arg peer "$peer" --arg mac "$mac" \
			'.entries | map(select(.peer == $peer and .iface == "eth0" and .lladdr == $mac)) | length == 1' <<< "$json" || return 1
	done
}

check "module loads" load_reflect
topology_two_routers
r2mac=$(mac_of r2 lan0)
start_iperf3

for traffic in "icmp ping4" "icmp ping6" "udp udp4" "udp udp6" "tcp tcp4" "tcp tcp6"; do
	set -- $traffic
	check "without reflect, $2 replies leave via R1" carried_by r1 "$1" "$2"
done

check "reflection is enabled on eth0" reflectctl appliance iface add eth0
for traffic in "icmp ping4" "icmp ping6" "udp udp4" "udp udp6" "tcp tcp4" "tcp tcp6"; do
	set -- $traffic
	check "with reflect, $2 replies leave via R2" carried_by r2 "$1" "$2"
done

if [ "${REFLECT_VERBOSE:-0}" = 1 ]; then
	echo "The appliance's learned entries (reflectctl entries list):"
	reflectctl appliance entries list | sed 's/^/    /'
fi
entries=$(entries_json)
check "the client's IPv4 and IPv6 entries name eth0 and R2" entries_point_at "$entries" "$r2mac"
stats=$(reflectctl appliance stats --json)
echo "$stats"
check "reflected packets are counted" test "$(counter "$stats" reflected_packets)" -gt 0
check "learned entries are counted" test "$(counter "$stats" learned)" -ge 2

cleanup
check "module unloads" rmmod reflect
finish
