#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Datapath scenario 5: a third host on the LAN ("evil") forges the established client's address,
# over UDP and TCP, while the client keeps talking to the appliance via R2. The client's replies
# must not move to evil: its entry keeps R2's MAC, evil receives nothing from the appliance, and
# the forged packets are counted as held.
#
#   appliance --- lan --- R1, R2 --- wan --- client 10.50.0.100
#                  |
#                 evil 192.168.50.66, forging 10.50.0.100

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

# forge: from evil, 300 UDP datagrams and 60 TCP connection attempts with the client's source
# address, about 4 s of forgery.
forge() {
	forge_burst "$CLIENT4" 300 9999 0.01 60
}

check "module loads" load_reflect
topology_two_routers
r2mac=$(mac_of r2 lan0)
add_forger
start_iperf3
# A candidate must carry packets over 1 s, not 200 ms: a guest under TCG on a busy host can stall
# for a few hundred milliseconds, long enough for the client's pings to seem to pause.
# The forger's MAC address is no trusted next hop, so under learning's default policy it teaches
# nothing at all (scenario trusted): this scenario is about what the move policy stops when any
# MAC address teaches (learn=any), as between two trusted routers.
check "confirm_ms is 1000, and any MAC address teaches" reflectctl appliance config set confirm_ms=1000 learn=any
check "reflection is enabled on eth0" reflectctl appliance iface add eth0
check "the established client is answered via R2" carried_by r2 icmp ping4 5

# The established client keeps talking (50 packets a second) while evil forges.
n client ping -q -i 0.02 -w 20 "$APPLIANCE4" > /dev/null 2>&1 &
check "evil forged the client's address over UDP and TCP" forge
check "the client is still answered via R2 during the forgery" carried_by r2 icmp ping4 10
check "the client's entry still points at R2" entry_has "$CLIENT4" lladdr "$r2mac"
check "evil received nothing from the appliance" test "$(evil_received)" -eq 0
stats=$(reflectctl appliance stats --json)
echo "$stats"
check "the forged packets were held, not learned" test "$(counter "$stats" held)" -gt 0
check "the entry never moved" test "$(counter "$stats" moved)" -eq 0

cleanup
check "module unloads" rmmod reflect
finish
