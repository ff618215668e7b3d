#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A long-lived TCP session from the client (port 700) to an NFS-like service on the appliance
# (port 2049), with conntrack tracking the appliance's traffic. A forger on the LAN ("evil",
# add_forger) knows the 4-tuple but not the sequence numbers, and sends blind SYN, RST and FIN
# segments as the client. None of them may move the client's entry: the SYN in particular, which
# conntrack passes as ESTABLISHED whatever its sequence number. No segment of the appliance, the
# challenge ACKs the forged segments provoke included, may reach evil, and the session carries on.
#
#   appliance :2049 --- lan --- R1, R2 --- wan --- client 10.50.0.100:700
#                        |
#                       evil 192.168.50.66, forging 10.50.0.100:700

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

# serve: an echo service on the appliance's port 2049, for one connection.
serve() {
	n appliance python3 - "$APPLIANCE4" <<-'PY'
	import socket, sys
	with socket.create_server((sys.argv[1], 2049)) as srv:
	    conn, _ = srv.accept()
	    with conn:
	        while data := conn.recv(4096):
	            conn.sendall(data)
	PY
}

# session STOPFILE: the client's session from port 700, a request every 50 ms, each answered,
# until STOPFILE exists (30 s at most): it must span the whole forgery, or the client would be
# quiet for a while and the forger's segments could take its entry as a quiet peer's.
session() {
	n client python3 - "$CLIENT4" "$APPLIANCE4" "$1" <<-'PY'
	import os, socket, sys, time
	client, server, stopfile = sys.argv[1], sys.argv[2], sys.argv[3]
	with socket.create_connection((server, 2049), timeout=5, source_address=(client, 700)) as s:
	    deadline, answered, gap, last = time.monotonic() + 30, 0, 0.0, time.monotonic()
	    while not os.path.exists(stopfile) and time.monotonic() < deadline:
	        now = time.monotonic()
	        gap, last = max(gap, now - last), now
	        s.sendall(b"GETATTR\n")
	        got = b""
	        while len(got) < 8:
	            chunk = s.recv(8 - len(got))
	            if not chunk:
	                sys.exit(f"the appliance closed the session after {answered} answers")
	            got += chunk
	        answered += 1
	        time.sleep(0.05)
	    print(f"{answered} requests answered, at most {gap * 1000:.0f} ms apart")
	PY
}

# forge_blind: from evil, three rounds of a SYN, an RST and a FIN+ACK as the client's end of the
# session, with random sequence and acknowledgement numbers (raw IPv4, checksums computed here).
forge_blind() {
	n evil python3 - "$CLIENT4" "$APPLIANCE4" <<-'PY'
	import random, socket, struct, sys, time
	src, dst = socket.inet_aton(sys.argv[1]), socket.inet_aton(sys.argv[2])

	def checksum(data):
	    if len(data) % 2:
	        data += b"\0"
	    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
	    while s >> 16:
	        s = (s & 0xFFFF) + (s >> 16)
	    return ~s & 0xFFFF

	def segment(flags):
	    seq, ack = random.getrandbits(32), random.getrandbits(32)
	    tcp = struct.pack("!HHIIBBHHH", 700, 2049, seq, ack, 5 << 4, flags, 65535, 0, 0)
	    pseudo = src + dst + struct.pack("!BBH", 0, socket.IPPROTO_TCP, len(tcp))
	    tcp = tcp[:16] + struct.pack("!H", checksum(pseudo + tcp)) + tcp[18:]
	    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), 0, 0, 64,
	                     socket.IPPROTO_TCP, 0, src, dst)
	    return ip + tcp

	SYN, RST, ACK, FIN = 0x02, 0x04, 0x10, 0x01
	with socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW) as s:
	    for _ in range(3):
	        for flags in (SYN, RST, FIN | ACK):
	            s.sendto(segment(flags), (sys.argv[2], 0))
	            time.sleep(0.3)
	print("forged 3 SYN, 3 RST and 3 FIN segments on the session's 4-tuple")
	PY
}

check "module loads" load_reflect
topology_two_routers
add_forger
r2mac=$(mac_of r2 lan0)
# Conntrack tracks the appliance's traffic (its hooks register with the first rule needing them).
n appliance nft add table inet tracking
n appliance nft add chain inet tracking input '{ type filter hook input priority 0; }'
n appliance nft add rule inet tracking input ct state established,related counter
# A candidate must carry packets over 1 s, not 200 ms: a guest under TCG on a busy host can stall
# for a few hundred milliseconds, long enough for the client's pings to seem to pause.
# The forger's MAC address is no trusted next hop, so under learning's default policy it teaches
# nothing at all (scenario trusted): this scenario is about what the move policy stops when any
# MAC address teaches (learn=any), as between two trusted routers.
check "confirm_ms is 1000, and any MAC address teaches" reflectctl appliance config set confirm_ms=1000 learn=any
check "reflection is enabled on eth0" reflectctl appliance iface add eth0

serve &
server=$!
wait_for 5 n appliance ss -Htln "sport = :2049"
stopfile=/tmp/spoof-tcp-stop-$suffix
rm -f "$stopfile"
session "$stopfile" > "/tmp/spoof-tcp-$suffix.log" 2>&1 &
client=$!
check "the session is answered via R2" eventually 5 entry_has "$CLIENT4" lladdr "$r2mac"
# The entry's events, for the log: a move would show to which MAC address.
reflectctl appliance monitor --json --timeout 20 > "/tmp/spoof-tcp-events-$suffix.log" 2>&1 &
sleep 1
check "evil forged SYN, RST and FIN segments on the session" forge_blind
touch "$stopfile"
check_job "the session carried on throughout" "$client" "/tmp/spoof-tcp-$suffix.log"
cat "/tmp/spoof-tcp-$suffix.log"
echo "evil is $(mac_of evil eth0), R2 $r2mac; events:"
cat "/tmp/spoof-tcp-events-$suffix.log"
check "the client's entry still points at R2" entry_has "$CLIENT4" lladdr "$r2mac"
check "evil received no segment from the appliance" test "$(evil_received tcp_segments)" -eq 0
stats=$(reflectctl appliance stats --json)
echo "$stats"
check "the forged segments were held, not learned" test "$(counter "$stats" held)" -gt 0
check "the entry never moved" test "$(counter "$stats" moved)" -eq 0
kill "$server" 2>/dev/null

cleanup
check "module unloads" rmmod reflect
finish
