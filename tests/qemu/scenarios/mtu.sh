#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Datapath scenario 4: the learned interface has a smaller MTU than the packets. The client comes
# in over the second leg (eth1, MTU 1280, via R2); the appliance sends full-size TCP segments
# (its route MTU is 1500): they do not fit eth1, so they fall back to routing (via R1), counted,
# and the transfer completes; small packets (pings) are still reflected over eth1.

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

check "module loads" load_reflect
topology_two_routers
second_leg
n appliance ip link set eth1 mtu 1280
n r2 ip link set lan1 mtu 1280
start_iperf3
check "reflection is enabled on eth1" reflectctl appliance iface add eth1
check "small replies are reflected over eth1 via R2" carried_by r2 icmp ping4 5
check "a transfer with segments larger than eth1's MTU completes" tcp4
check "IPv6 too" tcp6
stats=$(reflectctl appliance stats --json)
echo "$stats"
check "MTU fallback is counted" test "$(counter "$stats" fb_mtu)" -gt 0

cleanup
check "module unloads" rmmod reflect
finish
