#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Datapath scenario 3: the learned interface goes down, then is deleted, while entries exist and
# traffic flows. On the two-router topology with a second leg (topology.sh): the client comes in
# over eth1 via R2, so its entries name eth1. The appliance keeps pinging the client; eth1 goes
# down (fallback counted, the pings go out by routing via R1), the client moves to R1 (traffic
# continues), eth1 is deleted (its entries and its interface record are gone), no crash.

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

no_entry_on() {
	local json
	json=$(entries_json)
	echo "$json"
	jq -e --arg dev "$1" '[.entries[] | select(.iface == $dev)] | length == 0' <<< "$json"
}

not_enabled() {
	local json
	json=$(reflectctl appliance iface list --json)
	echo "$json"
	jq -e --arg dev "$1" '[.interfaces[] | select(.name == $dev)] | length == 0' <<< "$json"
}

check "module loads" load_reflect
topology_two_routers
second_leg
check "reflection is enabled on eth0" reflectctl appliance iface add eth0
check "reflection is enabled on eth1" reflectctl appliance iface add eth1
check "the client is answered over eth1 via R2" carried_by r2 icmp ping4 5
check "the client's entry names eth1" entry_has "$CLIENT4" iface eth1

n appliance ping -q -i 0.1 -w 30 "$CLIENT4" > /dev/null 2>&1 &
n appliance ip link set eth1 down
sleep 1
stats=$(reflectctl appliance stats --json)
echo "$stats"
check "fallback for a down interface is counted" test "$(counter "$stats" fb_dev_down)" -gt 0

n client ip route replace default via 10.50.0.1
check "traffic continues via R1" n client ping -q -c 10 -i 0.1 -W 1 -w 10 "$APPLIANCE4"

n appliance ip link del eth1
check "the deleted interface's entries are gone" no_entry_on eth1
check "the deleted interface is no longer enabled" not_enabled eth1
check "traffic still flows" n client ping -q -c 5 -i 0.1 -W 1 "$APPLIANCE4"

cleanup
check "module unloads" rmmod reflect
finish
