#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Datapath scenario 11: flow mode. The client splits its traffic per flow: TCP to port 5202 goes
# via R1 (policy routing), everything else via R2. Two concurrent transfers, one to each port,
# are each answered via their own router: R2 carries nothing of the 5202 flow and R1 nothing of
# the 5201 flow. (In peer mode one entry per client could only follow one of them.)

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

flow_counters() {
	local router
	for router in r1 r2; do
		n "$router" nft -f - <<-NFT
		table ip flows {
			counter f5201 { }
			counter f5202 { }
			chain forward {
				type filter hook forward priority 0; policy accept;
				oifname "wan0" ip daddr $CLIENT4 tcp sport 5201 counter name f5201
				oifname "wan0" ip daddr $CLIENT4 tcp sport 5202 counter name f5202
			}
		}
		NFT
	done
}

flow_count() {
	nft_packets "$1" ip flows "$2"
}

two_flows() {
	n client iperf3 -c "$APPLIANCE4" -p 5201 -R -t 2 --connect-timeout 5000 > /dev/null &
	local first=$!
	n client iperf3 -c "$APPLIANCE4" -p 5202 -R -t 2 --connect-timeout 5000 > /dev/null || return 1
	wait "$first"
}

each_flow_on_its_router() {
	local a b c d
	a=$(flow_count r2 f5201) b=$(flow_count r1 f5201) c=$(flow_count r1 f5202) d=$(flow_count r2 f5202)
	echo "5201: R2 $a, R1 $b; 5202: R1 $c, R2 $d"
	[ "$a" -gt 10 ] && [ "$b" -eq 0 ] && [ "$c" -gt 10 ] && [ "$d" -eq 0 ]
}

entries_per_flow() {
	local json
	json=$(entries_json)
	echo "$json"
	jq -e '[.entries[] | select(.proto == 6 and (.local_port == 5201 or .local_port == 5202))] | length >= 2' <<< "$json"
}

check "module loads" load_reflect
topology_two_routers
flow_counters
n client ip rule add ipproto tcp dport 5202 table 100 priority 100
n client ip route add default via 10.50.0.1 table 100
n appliance iperf3 -s -D -p 5201 --logfile "/tmp/iperf3-5201-$suffix.log"
n appliance iperf3 -s -D -p 5202 --logfile "/tmp/iperf3-5202-$suffix.log"
wait_for 10 n appliance bash -c "ss -Hltn | grep -q ':5202 '"
check "flow mode is set" reflectctl appliance config set mode=flow
check "reflection is enabled on eth0" reflectctl appliance iface add eth0
check "two concurrent flows complete" two_flows
check "each flow is answered via its own router" each_flow_on_its_router
check "entries are kept per flow" entries_per_flow

cleanup
check "module unloads" rmmod reflect
finish
