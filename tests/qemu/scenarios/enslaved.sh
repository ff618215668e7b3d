#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Datapath scenario: an interface with learned entries is enslaved to a bridge. From then on the
# IP layer sees the bridge, not the port: the port's entries are dropped at once, no frame is
# reflected directly onto the port (which would bypass the bridge), and with reflection enabled
# on the bridge the client is answered via R2 again, learned on br0, once br0 has a neighbour
# entry for R2. On the two-router topology
# (topology.sh), the appliance's eth3 on the LAN with 192.168.59.10, R2 192.168.59.2 beside it.

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

ADDRESS=192.168.59.10

# reflected_on DEVICE: the appliance's reflected-packet counter of enabled interface DEVICE.
reflected_on() {
	reflectctl appliance iface list --json |
		jq -r --arg dev "$1" '.interfaces[] | select(.name == $dev) | .counters.reflected_packets'
}

entry_on() {
	local json
	json=$(entries_json)
	jq -e --arg local "$ADDRESS" --arg dev "$1" --arg peer "$CLIENT4" \
		'[.entries[] | select(.local == $local and .peer == $peer and .iface == $dev)] | length == 1' <<< "$json"
}

ping_address() { n client ping -q -c "${1:-5}" -i 0.1 -W 2 "$ADDRESS"; }

check "module loads" load_reflect
topology_two_routers
n appliance sysctl -qw net.ipv4.conf.all.arp_ignore=1
port appliance eth3 lan
n appliance ip addr add "$ADDRESS/24" dev eth3
n r2 ip addr add 192.168.59.2/24 dev lan0
check "reflection is enabled on eth3" reflectctl appliance iface add eth3
check "R2 is a named next hop on eth3" reflectctl appliance nexthop add eth3 192.168.59.2
check "the client is answered via R2 over eth3" carried_by r2 icmp ping_address
check "the client's entry names eth3" entry_on eth3

n appliance ip link add br0 type bridge
n appliance ip addr flush dev eth3
n appliance ip link set eth3 master br0
n appliance ip link set br0 up
n appliance ip addr add "$ADDRESS/24" dev br0
wait_for 10 n appliance bash -c "ip -br link show br0 | grep -q UP"
check "the port's entries are gone once it is enslaved" no_entry_on eth3
before=$(reflected_on eth3)
check "reflection is enabled on br0" reflectctl appliance iface add br0
check "R2 is a named next hop on br0" reflectctl appliance nexthop add br0 192.168.59.2
# Reflection reaches R2 through the neighbour entry br0 has for it: eth3's went with the address.
# R2 revalidates its own entry for the appliance (an ARP request, within its reachable time,
# about 30 s on Linux), which gives br0 one; flushing R2's entry makes that happen now.
n r2 ip neigh flush to "$ADDRESS"
check "the client is answered via R2 over br0" carried_by r2 icmp ping_address 10
check "the client's entry names br0" entry_on br0
unchanged_on_port() {
	local now
	now=$(reflected_on eth3)
	echo "reflected directly on eth3: $before before, $now after"
	[ "$now" -eq "$before" ]
}
check "nothing more was reflected directly onto the port" unchanged_on_port

cleanup
check "module unloads" rmmod reflect
finish
