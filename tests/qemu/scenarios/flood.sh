#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Datapath scenario 6: a flood of 200,000 distinct forged peers (pktgen on a LAN host, sources
# 10.60.0.0 upwards) while the established client keeps talking via R2. The table stays at its
# limit (max_entries, default 65536), refusals are counted as table-full, and the client keeps
# its entry and is answered via R2 throughout.

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

flood() {
	pktgen_flood flooder 10.60.0.0 10.63.255.255 200000
}

check "module loads" load_reflect
topology_two_routers
r2mac=$(mac_of r2 lan0)
add_namespaces flooder
port flooder eth0 lan
n flooder ip addr add 192.168.50.77/24 dev eth0
check "reflection is enabled on eth0" reflectctl appliance iface add eth0
check "the client is answered via R2" carried_by r2 icmp ping4 5

n client ping -q -i 0.1 -w 60 "$APPLIANCE4" > /dev/null 2>&1 &
check "the flood of 200,000 forged peers was sent" flood
check "the client is answered via R2 after the flood" carried_by r2 icmp ping4 10
check "the client's entry survived the flood" entry_has "$CLIENT4" lladdr "$r2mac"
stats=$(reflectctl appliance stats --json)
config=$(reflectctl appliance config get --json)
echo "$stats"
check "the table stays at its limit" test "$(counter "$stats" entries)" -le "$(jq .max_entries <<< "$config")"
check "the table filled up" test "$(counter "$stats" entries)" -ge "$(($(jq .max_entries <<< "$config") * 9 / 10))"
check "refusals are counted as table-full" test "$(counter "$stats" table_full)" -gt 0

cleanup
check "entries are freed with the namespace" true
check "module unloads" rmmod reflect
finish
