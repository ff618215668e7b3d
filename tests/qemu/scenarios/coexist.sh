#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Datapath scenario 7: reflected packets still traverse POSTROUTING. On the appliance an nftables
# counter in postrouting and an SNAT rule see them: the appliance opens a connection to the
# client (its entry already points at R2), the connection is reflected via R2, SNATed to the
# appliance's second address, and conntrack shows it ASSURED; so does a client connection.

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

postrouting_count() {
	nft_packets appliance ip coexist to_client
}

assured() {
	n appliance conntrack -L -p tcp --dport "$1" 2>/dev/null | tee /dev/stderr | grep -q ASSURED
}

check "module loads" load_reflect
topology_two_routers
n appliance ip addr add 192.168.50.11/24 dev eth0
n appliance nft -f - <<NFT
table ip coexist {
	counter to_client { }
	chain post { type filter hook postrouting priority 0; ip daddr $CLIENT4 counter name to_client; }
}
table ip nat {
	chain post { type nat hook postrouting priority srcnat; ip daddr $CLIENT4 tcp dport 5301 snat to 192.168.50.11; }
}
NFT
n client iperf3 -s -D -p 5301 --forceflush --logfile "/tmp/iperf3-client-server-$suffix.log"
wait_for 10 n client bash -c "ss -Hltn | grep -q ':5301 '"
start_iperf3
check "reflection is enabled on eth0" reflectctl appliance iface add eth0
check "the client's connection is reflected via R2" carried_by r2 tcp tcp4
check "conntrack shows the client's connection ASSURED" assured 5201

before=$(postrouting_count)
reflected_before=$(counter "$(reflectctl appliance stats --json)" reflected_packets)
check "the appliance's own connection to the client completes" \
	carried_by r2 tcp n appliance iperf3 -c "$CLIENT4" -p 5301 -t 1 --connect-timeout 5000
reflected_after=$(counter "$(reflectctl appliance stats --json)" reflected_packets)
check "its packets were reflected" test "$reflected_after" -gt "$reflected_before"
check "the postrouting counter saw them" test "$(postrouting_count)" -gt "$before"
check "SNAT applied: the client saw 192.168.50.11" grep -q "connected.*192.168.50.11" "/tmp/iperf3-client-server-$suffix.log"
check "conntrack shows the SNATed connection ASSURED" assured 5301

cleanup
check "module unloads" rmmod reflect
finish
