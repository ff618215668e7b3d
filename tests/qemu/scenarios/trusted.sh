#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Datapath scenario: learning's default policy, trusted next hops. On the two-router topology
# (topology.sh: R1 the gateway of the appliance's main table, R2 of its table 100) with a forger
# on the LAN ("evil", forging the client's address from its own MAC address):
#  - evil forges a quiet client's address (one with an entry via R2) and an address that never
#    spoke, over UDP and TCP, and tries a whole TCP handshake as the client: it receives nothing
#    from the appliance, no SYN-ACK and no UDP answer, its handshake fails, the client's entry
#    stays on R2, and the refusals are counted (untrusted) and announced (monitor);
#  - once R2 is no gateway any more the client's replies are routed (fb_untrusted), and naming
#    R2 (reflectctl nexthop add, by address, then by MAC address) brings them back via R2;
#  - a connection the appliance opens to a server whose address evil forges is not diverted:
#    evil receives nothing and the transfer completes. With outbound=false such a connection is
#    routed even where an entry exists (fb_outbound); by default it is reflected.
#
#   appliance --- lan --- R1, R2 --- wan --- client 10.50.0.100
#                  |
#                 evil 192.168.50.66, forging 10.50.0.100 and 10.50.0.222

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

NEVER_SPOKE=10.50.0.222

# udp_answerer: answers every datagram on port 7000 with "answer".
udp_answerer() {
	n appliance python3 - > "/tmp/answerer-$suffix.log" 2>&1 <<-'PY' &
	import socket
	s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
	s.bind(("0.0.0.0", 7000))
	while True:
	    _, peer = s.recvfrom(100)
	    s.sendto(b"answer", peer)
	PY
	wait_for 10 n appliance bash -c "ss -Hlun | grep -q ':7000 '"
}

# forge SOURCE: from evil, 20 UDP requests and 10 TCP SYNs with SOURCE as source address, then a
# whole TCP handshake as SOURCE, which must fail: its SYN-ACK never reaches evil.
forge() {
	forge_burst "$1" 20 7000 0.02 10 || return 1
	n evil python3 - "$1" "$APPLIANCE4" <<-'PY'
	import socket, sys
	forged, target = sys.argv[1], sys.argv[2]
	with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
	    s.settimeout(3)
	    s.bind((forged, 0))
	    try:
	        s.connect((target, 5201))
	        print("the handshake as", forged, "completed")
	        sys.exit(1)
	    except OSError as e:
	        print("the handshake as", forged, "failed:", e)
	PY
}

# nothing_to_evil: evil has received nothing from the appliance.
nothing_to_evil() {
	local got
	got=$(evil_received)
	echo "evil received $got packets from the appliance"
	[ "$got" -eq 0 ]
}

counter_grew() {
	local now
	now=$(counter "$(reflectctl appliance stats --json)" "$1")
	echo "$1: $2 -> $now"
	[ "$now" -gt "$2" ]
}

# events_seen FILE TYPE: the monitor's output holds events of TYPE for both forged addresses.
events_seen() {
	cat "$1"
	jq -e -s --arg type "$2" --arg client "$CLIENT4" --arg never "$NEVER_SPOKE" \
		'any(.[]; .event == $type and .entry.peer == $client) and
		 any(.[]; .event == $type and .entry.peer == $never)' "$1" > /dev/null
}

# r2_is_no_gateway: table 100 goes, and with it R2's trust.
r2_is_no_gateway() {
	n appliance ip route flush table 100 && n appliance ip -6 route flush table 100
}

r2_named_by_mac() {
	reflectctl appliance nexthop del eth0 192.168.50.2 && reflectctl appliance nexthop add eth0 "$r2mac"
}

# appliance_transfer: the appliance opens a TCP connection to the client's iperf3 server and sends.
appliance_transfer() {
	n appliance iperf3 -c "$CLIENT4" --connect-timeout 5000 -n 256K > "/tmp/iperf3-out-$suffix.log" 2>&1 ||
		{ cat "/tmp/iperf3-out-$suffix.log"; return 1; }
}

# track_connections: conntrack follows the appliance's connections (a rule that uses it).
track_connections() {
	n appliance nft -f - <<-NFT
	table inet tracking {
		chain out {
			type filter hook output priority 0; policy accept;
			ct state new counter
		}
	}
	NFT
}

check "module loads" load_reflect
topology_two_routers
r2mac=$(mac_of r2 lan0)
add_forger
# evil holds the address that never spoke as it holds the client's: routing sends from it then.
n evil ip addr add "$NEVER_SPOKE/32" dev eth0
start_iperf3
check "a UDP service answers on port 7000" udp_answerer
check "learning is trusted by default" test "$(json_field "$(reflectctl appliance config get --json)" learn)" = trusted
check "reflection is enabled on eth0" reflectctl appliance iface add eth0
check "the client is answered via R2, a gateway of table 100" carried_by r2 icmp ping4 5

# The monitor runs out its time by itself: a background function's $! is not the process.
reflectctl appliance monitor --json --timeout 20 > "/tmp/events-$suffix.json" &
monitor=$!
wait_for 10 test -e "/tmp/events-$suffix.json"
untrusted=$(counter "$(reflectctl appliance stats --json)" untrusted)
check "evil forged the quiet client's address" forge "$CLIENT4"
check "evil forged an address that never spoke" forge "$NEVER_SPOKE"
check "evil received nothing from the appliance: no SYN-ACK, no UDP answer" nothing_to_evil
check "the client's entry still points at R2" entry_has "$CLIENT4" lladdr "$r2mac"
check "the address that never spoke has no entry" test "$(entry_for "$(entries_json)" "$NEVER_SPOKE")" = null
check "the refusals are counted as untrusted" counter_grew untrusted "$untrusted"
wait "$monitor"
check "the refusals are announced as untrusted events" events_seen "/tmp/events-$suffix.json" untrusted

before=$(counter "$(reflectctl appliance stats --json)" fb_untrusted)
check "R2 is no gateway any more" r2_is_no_gateway
check "then the client's replies are routed, via R1" carried_by r1 icmp ping4 5
check "counted as fb_untrusted" counter_grew fb_untrusted "$before"
check "R2 named by its address" reflectctl appliance nexthop add eth0 192.168.50.2
check "the client is answered via R2 again" carried_by r2 icmp ping4 5
check "R2 named by its MAC address instead" r2_named_by_mac
check "the client is still answered via R2" carried_by r2 icmp ping4 5
check "nexthop list shows it" jq -e --arg mac "$r2mac" \
	'.nexthops | length == 1 and .[0].iface == "eth0" and .[0].address == null and .[0].lladdr == $mac' \
	<<< "$(reflectctl appliance nexthop list --json)"

n client iperf3 -s -D --logfile "/tmp/iperf3-client-server-$suffix.log"
wait_for 10 n client bash -c "ss -Hltn | grep -q ':5201 '"
n evil python3 - "$CLIENT4" "$APPLIANCE4" > /dev/null 2>&1 <<-'PY' &
import socket, sys, time
for i in range(100):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind((sys.argv[1], 5201))
        s.sendto(b"forged", (sys.argv[2], 7000))
    time.sleep(0.1)
PY
forger=$!
check "the appliance's connection to the server evil forges completes, via R2" \
	carried_by r2 tcp appliance_transfer
check "evil received none of it" nothing_to_evil
wait "$forger"
check "conntrack follows the appliance's connections" track_connections
check "outbound=false" reflectctl appliance config set outbound=false
before=$(counter "$(reflectctl appliance stats --json)" fb_outbound)
check "then the appliance's own connection is routed, via R1" carried_by r1 tcp appliance_transfer
check "counted as fb_outbound" counter_grew fb_outbound "$before"
check "while the client's requests are still answered via R2" carried_by r2 icmp ping4 5

cleanup
check "module unloads" rmmod reflect
finish
