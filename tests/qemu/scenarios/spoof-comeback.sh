#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A forger on the LAN ("evil", add_forger) takes the entry of a client that has gone quiet and
# keeps it alive with one forged datagram every 100 ms, less than confirm_ms (1 s here). When the
# client talks again through its router, its entry must come back to R2 with its first request:
# every echo reply of the client's pings goes via R2 and none to evil, however often evil sends.
# Twice: without conntrack, then with conntrack tracking the appliance's traffic.
#
#   appliance --- lan --- R1, R2 --- wan --- client 10.50.0.100
#                  |
#                 evil 192.168.50.66, forging 10.50.0.100 every 100 ms

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

# forge_every_100ms SECONDS: from evil, one UDP datagram as the client every 100 ms.
forge_every_100ms() {
	n evil python3 - "$CLIENT4" "$APPLIANCE4" "$1" <<-'PY'
	import socket, sys, time
	forged, target, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
	with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
	    s.bind((forged, 0))
	    deadline = time.monotonic() + seconds
	    while time.monotonic() < deadline:
	        s.sendto(b"forged", (target, 9999))
	        time.sleep(0.1)
	PY
}

# all_answered LOG: ping's LOG says all 10 echo requests were answered.
all_answered() {
	grep -q " 10 received" "$1" || { cat "$1"; return 1; }
}

# comeback ROUND: evil takes the quiet client's entry; then the client pings 10 times.
comeback() {
	local round=$1 r1_before r2_before evil_before
	check "$round: evil took the quiet client's entry" \
		eventually 10 entry_has "$CLIENT4" lladdr "$evilmac"
	r1_before=$(replies r1 icmp)
	r2_before=$(replies r2 icmp)
	evil_before=$(evil_received echo_replies)
	# The entry is read while the client still pings: once it is quiet for confirm_ms, evil
	# may take the entry again.
	n client ping -q -c 10 -i 0.1 -W 2 "$APPLIANCE4" > "/tmp/ping-$suffix.log" 2>&1 &
	local pinger=$!
	sleep 0.5
	check "$round: the entry points at R2 while evil keeps forging" \
		entry_has "$CLIENT4" lladdr "$r2mac"
	wait "$pinger"
	check "$round: the client's pings are answered" all_answered "/tmp/ping-$suffix.log"
	# R2 also carries the port-unreachable errors for evil's datagrams that reach the client now.
	check "$round: every echo reply went via R2" \
		test "$(replies r2 icmp)" -ge $((r2_before + 10)) -a "$(replies r1 icmp)" -eq "$r1_before"
	check "$round: evil received none of them" \
		test "$(evil_received echo_replies)" -eq "$evil_before"
}

check "module loads" load_reflect
topology_two_routers
add_forger
r2mac=$(mac_of r2 lan0)
evilmac=$(mac_of evil eth0)
# A candidate must carry packets over 1 s, not 200 ms: a guest under TCG on a busy host can stall
# for a few hundred milliseconds, long enough for the client's pings to seem to pause.
# The forger's MAC address is no trusted next hop, so under learning's default policy it teaches
# nothing at all (scenario trusted): this scenario is about what the move policy stops when any
# MAC address teaches (learn=any), as between two trusted routers.
check "confirm_ms is 1000, and any MAC address teaches" reflectctl appliance config set confirm_ms=1000 learn=any
check "reflection is enabled on eth0" reflectctl appliance iface add eth0
check "the client is answered via R2" carried_by r2 icmp ping4 5

forge_every_100ms 30 &
forger=$!
comeback "without conntrack"

# Conntrack tracks the appliance's traffic from here on (its hooks register with the first
# rule that needs them). The client is quiet again, so evil takes the entry once more.
n appliance nft add table inet tracking
n appliance nft add chain inet tracking input '{ type filter hook input priority 0; }'
n appliance nft add rule inet tracking input ct state established,related counter
comeback "with conntrack"
kill "$forger" 2>/dev/null
wait "$forger" 2>/dev/null

stats=$(reflectctl appliance stats --json)
echo "$stats"
check "the comebacks are counted as moves" test "$(counter "$stats" moved)" -ge 4

cleanup
check "module unloads" rmmod reflect
finish
