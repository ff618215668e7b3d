#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Datapath scenario: a one-way failure of the learned return path. On the two-router topology
# (topology.sh) the client's entry points at R2; then R2 stops forwarding towards the client
# while it still forwards the client's packets to the appliance (a broken return path, e.g. a
# firewall state lost on one side). A new TCP connection from the client must still be set up:
# its SYN-ACK retransmissions (the request socket's, not yet a full socket's) count towards
# retrans_threshold like an established socket's retransmissions, so the SYN-ACK heals through
# routing (via R1), as the data of established connections does.

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

check "module loads" load_reflect
topology_two_routers
start_iperf3
check "reflection is enabled on eth0" reflectctl appliance iface add eth0
check "replies leave via R2 before the failure" carried_by r2 icmp ping4 5

n r2 nft -f - <<NFT
table inet cut {
	chain forward {
		type filter hook forward priority -10; policy accept;
		oifname "wan0" ip daddr $CLIENT4 counter drop
	}
}
NFT
dropped_by_r2() {
	n r2 nft -j list table inet cut | jq '[.nftables[] | select(.rule) | .rule.expr[] | select(.counter) | .counter.packets] | add'
}
before=$(reflectctl appliance stats --json)
tcp_via_r1=$(replies r1 tcp)
# The handshake: connect() returns once the SYN-ACK got through (bash's /dev/tcp, to the iperf3
# server's port; the connection is closed at once).
new_connection() {
	local start=$SECONDS
	n client timeout 60 bash -c "exec 3<>/dev/tcp/$APPLIANCE4/5201" || return 1
	echo "connected after $((SECONDS - start)) s"
}
check_shown "a new TCP connection completes despite the broken return path" new_connection
after=$(reflectctl appliance stats --json)
echo "R2 dropped $(dropped_by_r2) packets towards the client"
check "its replies healed through routing, via R1" carries_more r1 tcp "$tcp_via_r1"
retrans_fallbacks() {
	local delta=$(($(counter "$after" fb_retrans) - $(counter "$before" fb_retrans)))
	echo "fb_retrans: +$delta"
	[ "$delta" -gt 0 ]
}
check "the retransmissions' fallback is counted" retrans_fallbacks

cleanup
check "module unloads" rmmod reflect
finish
