#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Datapath scenario 8: two appliances in two namespaces on the same LAN (topology.sh plus
# "appliance2" at 192.168.50.20) learn the same client in their own tables and never see each
# other's entries; both answer the client via R2 (reflection: their default route is R1);
# deleting a namespace that holds entries is clean and leaves the other alone.

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

only_local() {
	local json
	json=$(reflectctl "$1" entries list --json)
	echo "$json"
	jq -e --arg local "$2" '(.entries | length) > 0 and all(.entries[]; .local == $local)' <<< "$json"
}

check "module loads" load_reflect
topology_two_routers
add_lan_appliance appliance2 192.168.50.20
check "reflection is enabled in the first appliance" reflectctl appliance iface add eth0
check "reflection is enabled in the second appliance" reflectctl appliance2 iface add eth0
reach_both() {
	n client ping -q -c 3 -i 0.1 "$APPLIANCE4" && n client ping -q -c 3 -i 0.1 192.168.50.20
}

check "the client reaches both" carried_by r2 icmp reach_both
check "the first appliance sees only its own entries" only_local appliance "$APPLIANCE4"
check "the second appliance sees only its own entries" only_local appliance2 192.168.50.20

ip netns del "appliance2-$suffix"
namespaces=("${namespaces[@]/appliance2}")
check "the first appliance's entries survive the other's deletion" only_local appliance "$APPLIANCE4"
check "the first appliance still reflects via R2" carried_by r2 icmp ping4 5

cleanup
check "module unloads" rmmod reflect
finish
