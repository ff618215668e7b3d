#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Datapath scenario 3: the learned interface goes down, then is deleted, while entries exist and
# traffic flows. On the two-router topology with a second leg (topology.sh): the client comes in
# over eth1 via R2, so its entries name eth1. The appliance pings the client; eth1 goes down
# (fallback counted, the pings go out by routing via R1), the client moves to R1 (its replies
# continue, via R1 and not R2), eth1 is deleted (its entries and its interface record are gone,
# the replies still leave via R1), no crash.

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

not_enabled() {
	local json
	json=$(reflectctl appliance iface list --json)
	echo "$json"
	jq -e --arg dev "$1" '[.interfaces[] | select(.name == $dev)] | length == 0' <<< "$json"
}

# fallback_counted REASON: the appliance's fallback counter REASON (fb_...) is above zero.
fallback_counted() {
	local stats
	stats=$(reflectctl appliance stats --json)
	echo "$stats"
	[ "$(counter "$stats" "$1")" -gt 0 ]
}

check "module loads" load_reflect
topology_two_routers
second_leg
check "reflection is enabled on eth0" reflectctl appliance iface add eth0
check "reflection is enabled on eth1" reflectctl appliance iface add eth1
check "the client is answered over eth1 via R2" carried_by r2 icmp ping4 5
check "the client's entry names eth1" entry_has "$CLIENT4" iface eth1

# Three seconds of pings from the appliance, during which eth1 goes down. They end before the
# client moves: their requests to the client would count on R1 too.
n appliance ping -q -c 30 -i 0.1 -W 1 "$CLIENT4" > /dev/null 2>&1 &
pinger=$!
n appliance ip link set eth1 down
check "fallback for a down interface is counted" eventually 10 fallback_counted fb_dev_down
wait "$pinger"

n client ip route replace default via 10.50.0.1
check "traffic continues via R1" carried_by r1 icmp n client ping -q -c 10 -i 0.1 -W 1 -w 10 "$APPLIANCE4"

n appliance ip link del eth1
check "the deleted interface's entries are gone" no_entry_on eth1
check "the deleted interface is no longer enabled" not_enabled eth1
check "traffic still flows" carried_by r1 icmp n client ping -q -c 5 -i 0.1 -W 1 "$APPLIANCE4"

cleanup
check "module unloads" rmmod reflect
finish
