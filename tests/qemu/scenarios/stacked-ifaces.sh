#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Datapath scenario 10: a VLAN subinterface, a bond and a bridge as the ingress interface. On the
# two-router topology (topology.sh) the appliance gets three more addresses, each on a stacked
# device on the LAN, and R2 a leg in each subnet; the client reaches each address via R2 while
# the appliance's default route stays R1. With reflection on the stacked device the replies leave
# via R2 and the entry names the stacked device (the one the IP layer saw).
#
#   eth0.7 (VLAN 7 on eth0)        192.168.57.10   R2: lan0.7 192.168.57.2
#   bond0 (active-backup, eth2)    192.168.58.10   R2: lan0   192.168.58.2
#   br0 (bridge, port eth3)        192.168.59.10   R2: lan0   192.168.59.2

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

# answered_via_r2 DEVICE ADDRESS: pings to ADDRESS are answered via R2 (R1 carries none of the
# replies) and learned on DEVICE.
answered_via_r2() {
	local device=$1 address=$2 json
	carried_by r2 icmp n client ping -q -c 5 -i 0.1 -W 2 "$address" || return 1
	json=$(entries_json)
	jq -e --arg local "$address" --arg dev "$device" --arg peer "$CLIENT4" \
		'[.entries[] | select(.local == $local and .peer == $peer and .iface == $dev)] | length == 1' <<< "$json"
}

check "module loads" load_reflect
topology_two_routers
# Three devices of one host on one segment: answer ARP only on the device that owns the address.
n appliance sysctl -qw net.ipv4.conf.all.arp_ignore=1
n appliance ip link add link eth0 name eth0.7 type vlan id 7
n appliance ip link set eth0.7 up
n appliance ip addr add 192.168.57.10/24 dev eth0.7
n r2 ip link add link lan0 name lan0.7 type vlan id 7
n r2 ip link set lan0.7 up
n r2 ip addr add 192.168.57.2/24 dev lan0.7

port appliance eth2 lan
n appliance ip link add bond0 type bond mode active-backup
n appliance ip link set eth2 down
n appliance ip link set eth2 master bond0
n appliance ip link set bond0 up
n appliance ip addr add 192.168.58.10/24 dev bond0
n r2 ip addr add 192.168.58.2/24 dev lan0

port appliance eth3 lan
n appliance ip link add br0 type bridge
n appliance ip link set eth3 master br0
n appliance ip link set br0 up
n appliance ip addr add 192.168.59.10/24 dev br0
n r2 ip addr add 192.168.59.2/24 dev lan0

# R2 is a trusted next hop on each device by its MAC address (its VLAN device has lan0's).
for device in eth0.7 bond0 br0; do
	check "reflection is enabled on $device" reflectctl appliance iface add "$device"
	check "R2 is a named next hop on $device" reflectctl appliance nexthop add "$device" "$(mac_of r2 lan0)"
done
check "VLAN: replies leave via R2, learned on eth0.7" answered_via_r2 eth0.7 192.168.57.10
check "bond: replies leave via R2, learned on bond0" answered_via_r2 bond0 192.168.58.10
check "bridge: replies leave via R2, learned on br0" answered_via_r2 br0 192.168.59.10

cleanup
check "module unloads" rmmod reflect
finish
