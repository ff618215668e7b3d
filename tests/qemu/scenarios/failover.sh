#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Datapath scenario 2 on the two-router topology (topology.sh): the client's entries point at
# R2; then R2 disappears (its LAN link is deleted) and the client switches to R1. The replies
# must follow R1 (the entries move to R1's MAC, R1 carries the replies) and nothing stays stuck:
# a TCP stream running across the switch completes (its data left via R2, then via R1), and
# pings after the switch are answered via R1.

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

check "module loads" load_reflect
topology_two_routers
r1mac=$(mac_of r1 lan0)
r2mac=$(mac_of r2 lan0)
start_iperf3
check "reflection is enabled on eth0" reflectctl appliance iface add eth0
check "replies leave via R2 before the failure" carried_by r2 icmp ping4 5
check "the IPv4 entry points at R2" entry_has "$CLIENT4" lladdr "$r2mac"

# A transfer that spans the failure (tools/guest-lib/stream.py: it lasts until told to stop,
# however slow the kernel): R2 goes away as soon as the stream's data flows through it (more
# packets than the handshake). The poll is bare, so that the failure comes early; R2 carries
# nothing after it, so its counter can be checked afterwards.
tcp_via_r1=$(replies r1 tcp)
data_via_r2=$(($(replies r2 tcp) + 20))
stream_start
wait_for 30 carries_more r2 tcp "$data_via_r2"
n r2 ip link del lan0
check "the transfer's data left via R2 before the failure" carries_more r2 tcp "$data_via_r2"
n client ip route replace default via 10.50.0.1
n client ip -6 route replace default via fd51::1

check "pings after the switch are answered" carried_by r1 icmp n client ping -q -c 20 -i 0.1 -W 1 -w 10 "$APPLIANCE4"
check "the transfer's data left via R1 after the failure" eventually 30 carries_more r1 tcp "$tcp_via_r1"
stream_stop
check_job "the appliance closes the stream" "$stream_sender" "$stream_sent"
check_job "the transfer across the failover completes" "$stream_receiver" "$stream_received"
check "every byte sent arrived" stream_delivered_all
check "replies now leave via R1" carried_by r1 icmp ping4 5
check "IPv6 replies leave via R1 too" carried_by r1 icmp ping6 5
check "the IPv4 entry moved to R1" entry_has "$CLIENT4" lladdr "$r1mac"
stats=$(reflectctl appliance stats --json)
echo "$stats"
check "the move is counted" test "$(counter "$stats" moved)" -ge 1

cleanup
check "module unloads" rmmod reflect
finish
