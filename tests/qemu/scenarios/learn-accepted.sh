#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Only packets the appliance accepts for local delivery teach, with the destination the socket
# sees: a datagram its INPUT firewall drops creates no entry; a TCP service reached through DNAT
# (a service address 10.60.0.80 / fd60::80 that the routers route to the appliance, DNATed to
# its iperf3 server) is learned and answered via R2, its replies leaving with the service
# address (the transfers complete only then); and a client whose packets strict reverse-path
# filtering drops on a second interface does not get its entry moved there.
#
#   appliance eth0 --- lan --- R1, R2 --- wan --- client
#   appliance eth1 --- lan2 --- R2 lan1      (second_leg: the client's last part arrives here)

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

# udp_to PORT: five datagrams from the client to the appliance's PORT.
udp_to() {
	n client python3 - "$APPLIANCE4" "$1" <<-'PY'
	import socket, sys, time
	with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
	    for _ in range(5):
	        s.sendto(b"request", (sys.argv[1], int(sys.argv[2])))
	        time.sleep(0.05)
	PY
}

# rp_filter_drops: the packets the appliance's reverse-path filter has dropped so far.
rp_filter_drops() {
	n appliance awk '$1 == "TcpExt:" { if (!names) { split($0, name); names = 1 } else
		for (i = 2; i <= NF; i++) if (name[i] == "IPReversePathFilter") print $i }' /proc/net/netstat
}

no_entry_for() {
	local json
	json=$(entries_json)
	echo "$json"
	[ "$(entry_for "$json" "$1")" = null ]
}

check "module loads" load_reflect
topology_two_routers
r2mac=$(mac_of r2 lan0)
start_iperf3
check "reflection is enabled on eth0" reflectctl appliance iface add eth0

n appliance nft -f - <<NFT
table inet firewall {
	chain input {
		type filter hook input priority 0; policy accept;
		udp dport 9999 counter drop
	}
}
NFT
check "the client sent datagrams the INPUT firewall drops" udp_to 9999
check "the firewall dropped them" \
	test "$(n appliance nft -j list chain inet firewall input | jq '[.nftables[] | select(.rule) | .rule.expr[] | select(.counter) | .counter.packets] | add')" -eq 5
check "they created no entry" no_entry_for "$CLIENT4"

# The service address: the routers send it to the appliance, which DNATs it to its own address.
# No entry may be left from before: the transfers must teach their own.
reflectctl appliance entries flush > /dev/null
for i in 1 2; do
	n "r$i" ip route add 10.60.0.0/24 via "$APPLIANCE4"
	n "r$i" ip -6 route add fd60::/64 via "$APPLIANCE6"
done
n appliance nft -f - <<NFT
table inet service {
	chain prerouting {
		type nat hook prerouting priority dstnat; policy accept;
		ip daddr 10.60.0.80 tcp dport 80 dnat ip to $APPLIANCE4:5201
		ip6 daddr fd60::80 tcp dport 80 dnat ip6 to [$APPLIANCE6]:5201
	}
}
NFT
check "a transfer from the IPv4 service address is answered via R2" \
	carried_by r2 tcp iperf3_transfer 10.60.0.80 -p 80 -R -t 1
check "its entry is for the address the socket sees" entry_has "$CLIENT4" local "$APPLIANCE4"
check "a transfer from the IPv6 service address is answered via R2" \
	carried_by r2 tcp iperf3_transfer fd60::80 -p 80 -R -t 1
check "its entry is for the address the socket sees" entry_has "$CLIENT6" local "$APPLIANCE6"

# Strict reverse-path filtering on eth1: the client's route is via eth0, so what R2 now sends the
# appliance over eth1 is dropped before local delivery.
second_leg
n appliance sysctl -qw net.ipv4.conf.eth1.rp_filter=1
check "reflection is enabled on eth1" reflectctl appliance iface add eth1
dropped_before=$(rp_filter_drops)
n client ping -q -c 10 -i 0.1 -W 1 "$APPLIANCE4" > /dev/null 2>&1
check "reverse-path filtering dropped the client's packets on eth1" \
	test "$(rp_filter_drops)" -ge $((dropped_before + 10))
check "the client's entry stayed on eth0" entry_has "$CLIENT4" iface eth0
check "nothing was learned on eth1" no_entry_on eth1

cleanup
check "module unloads" rmmod reflect
finish
