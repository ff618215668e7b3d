#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Datapath scenario: reflected packets take the stack's own output path, so what that path does
# for a routed packet happens to them too. On the two-router topology (topology.sh; the client
# comes via R2, the appliance's default route is via R1, reflection on eth0):
#  - fragments: UDP replies of 4,000 bytes (three fragments at eth0's MTU of 1500), IPv4 and
#    IPv6: every fragment of every reply goes via R2, none via R1, and every reply arrives whole;
#  - errors: a POSTROUTING rule that drops a reflected UDP flow makes the sending socket's
#    sendto() fail with EPERM, as it does for a routed one;
#  - NFQUEUE: a queue in POSTROUTING without the GSO flag (the kernel segments GSO packets before
#    queueing them), read by a small reader that accepts every packet, and a bulk TCP transfer
#    reflected through it: the frames reach R2 (a frame with a broken destination MAC would be
#    dropped by R2 as not its own, and never counted in its forward chain), none go via R1, and
#    the transfer completes;
#  - tunnels: a route to the client through a GRE tunnel to R1 (gre1, NOARP, not Ethernet) while
#    the client's packets arrive via R2 on eth0: the replies go into the tunnel, decapsulated and
#    counted at R1, none leave in clear towards R2, and the fallback is counted (fb_dst_type).
#
#   appliance eth0 ---- lan ---- R1 ---- wan ---- client      gre1 172.31.0.1 ==== R1 172.31.0.2
#   192.168.50.10        \------ R2 ----/        10.50.0.100  (outer: 192.168.50.10 - .1)

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

# udp_server: answers every datagram on port 7000 (IPv4 and IPv6) with 4,000 bytes.
udp_server() {
	n appliance python3 - > "/tmp/udp-server-$suffix.log" 2>&1 <<-'PY' &
	import select, socket
	socks = []
	for family, address in ((socket.AF_INET, "0.0.0.0"), (socket.AF_INET6, "::")):
	    s = socket.socket(family, socket.SOCK_DGRAM)
	    if family == socket.AF_INET6:
	        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
	    s.bind((address, 7000))
	    socks.append(s)
	while True:
	    for s in select.select(socks, [], [])[0]:
	        _, peer = s.recvfrom(100)
	        s.sendto(bytes(4000), peer)
	PY
	wait_for 10 n appliance bash -c "ss -Hlun | grep -q ':7000 '"
}

# big_replies ADDRESS COUNT: COUNT requests from the client, each answered with 4,000 bytes.
big_replies() {
	n client python3 - "$@" <<-'PY'
	import socket, sys
	address, count = sys.argv[1], int(sys.argv[2])
	s = socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_DGRAM)
	s.settimeout(2)
	whole = 0
	for i in range(count):
	    s.sendto(b"request", (address, 7000))
	    try:
	        whole += len(s.recv(8192)) == 4000
	    except socket.timeout:
	        pass
	print(f"{whole} of {count} replies arrived whole")
	sys.exit(whole != count)
	PY
}

# count_fragments NS: a counter of the IPv4 and IPv6 fragments router NS forwards to the client.
count_fragments() {
	n "$1" nft add counter inet scenario fragments
	n "$1" nft insert rule inet scenario forward oifname wan0 ip daddr "$CLIENT4" \
		ip frag-off and 0x3fff != 0 counter name fragments
	n "$1" nft insert rule inet scenario forward oifname wan0 ip6 daddr "$CLIENT6" \
		exthdr frag exists counter name fragments
}

fragments() { nft_packets "$1" inet scenario fragments; }

# fragments_via_r2 BEFORE1 BEFORE2 EXPECTED: since the counts BEFORE1 (R1) and BEFORE2 (R2), R2
# forwarded at least EXPECTED fragments to the client and R1 none.
fragments_via_r2() {
	local d1 d2
	d1=$(($(fragments r1) - $1)) d2=$(($(fragments r2) - $2))
	echo "fragments via R1: $d1, via R2: $d2"
	[ "$d1" -eq 0 ] && [ "$d2" -ge "$3" ]
}

# send_errno ADDRESS PORT COUNT: COUNT datagrams from the appliance; prints and checks the errno
# of each sendto() (EPERM expected).
send_errno() {
	n appliance python3 - "$@" <<-'PY'
	import errno, socket, sys
	address, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
	s = socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_DGRAM)
	results = []
	for _ in range(count):
	    try:
	        s.sendto(b"x" * 100, (address, port))
	        results.append("sent")
	    except OSError as e:
	        results.append(errno.errorcode[e.errno])
	print("sendto:", " ".join(results))
	sys.exit(any(r != "EPERM" for r in results))
	PY
}

# drop_in_postrouting PORT: the appliance's POSTROUTING drops UDP to PORT.
drop_in_postrouting() {
	n appliance nft -f - <<-NFT
	table inet out_filter {
		chain post {
			type filter hook postrouting priority 0; policy accept;
			udp dport $1 drop
		}
	}
	NFT
}

# eperm_reflected ADDRESS: sendto() to the client fails with EPERM, and the datagrams were
# reflected (counted), not routed.
eperm_reflected() {
	local before after
	before=$(counter "$(reflectctl appliance stats --json)" reflected_packets)
	send_errno "$1" 9999 5 || return 1
	after=$(counter "$(reflectctl appliance stats --json)" reflected_packets)
	echo "reflected packets: $before -> $after"
	[ $((after - before)) -ge 5 ]
}

# queue_reader STOP: reads NFQUEUE 0 (nfnetlink, no GSO flag) and accepts every packet, until the
# file STOP exists; then prints how many it accepted.
queue_reader() {
	n appliance python3 - "$1" <<-'PY'
	import os, socket, struct, sys
	NETLINK_NETFILTER, SUBSYS_QUEUE, NLMSG_ERROR = 12, 3, 2
	MSG_PACKET, MSG_VERDICT, MSG_CONFIG = 0, 1, 2
	s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
	s.bind((0, 0))
	def attr(kind, payload):
	    length = 4 + len(payload)
	    return struct.pack("=HH", length, kind) + payload + bytes(-length % 4)
	def message(kind, flags, body):
	    nfgen = struct.pack("=BBH", socket.AF_UNSPEC, 0, socket.htons(0))
	    return struct.pack("=IHHII", 16 + len(nfgen) + len(body), (SUBSYS_QUEUE << 8) | kind,
	                       flags, 0, 0) + nfgen + body
	# NFQA_CFG_CMD bind, then NFQA_CFG_PARAMS: copy metadata only; no NFQA_CFG_FLAGS, so no GSO.
	# Acknowledged (NLM_F_REQUEST | NLM_F_ACK): a refusal shows in the log.
	s.send(message(MSG_CONFIG, 5, attr(1, struct.pack("=BBH", 1, 0, 0))))
	s.send(message(MSG_CONFIG, 5, attr(2, struct.pack("!IB", 0, 1))))
	s.settimeout(0.5)
	accepted = 0
	print("ready", flush=True)
	while not os.path.exists(sys.argv[1]):
	    try:
	        data = s.recv(65536)
	    except socket.timeout:
	        continue
	    offset = 0
	    while offset + 16 <= len(data):
	        length, kind = struct.unpack_from("=IH", data, offset)
	        if kind == NLMSG_ERROR:
	            error = struct.unpack_from("=i", data, offset + 16)[0]
	            if error:
	                print(f"netlink error {error}", flush=True)
	        elif kind & 0xFF == MSG_PACKET:
	            at = offset + 20
	            while at < offset + length:
	                alen, akind = struct.unpack_from("=HH", data, at)
	                if akind & 0x7FFF == 1:  # NFQA_PACKET_HDR: the packet id first
	                    packet_id = struct.unpack_from("!I", data, at + 4)[0]
	                    s.send(message(MSG_VERDICT, 1, attr(2, struct.pack("!II", 1, packet_id))))
	                    accepted += 1
	                at += (alen + 3) & ~3
	        offset += (length + 3) & ~3
	print(f"queued packets accepted: {accepted}")
	PY
}

# queue_accepted LOG: the reader's log says it accepted packets.
queue_accepted() {
	cat "$1"
	grep -qE 'accepted: [1-9]' "$1"
}

queue_in_postrouting() {
	n appliance nft -f - <<-NFT
	table inet out_queue {
		chain post {
			type filter hook postrouting priority 0; policy accept;
			tcp sport 5201 queue num 0
		}
	}
	NFT
}

# gre_to_r1: a GRE tunnel between the appliance and R1, and the appliance's route to the client
# through it. R1 forwards what comes out of it to the client (counted as via R1).
gre_to_r1() {
	n appliance ip link add gre1 type gre local "$APPLIANCE4" remote 192.168.50.1 || return 1
	n r1 ip link add gre1 type gre local 192.168.50.1 remote "$APPLIANCE4" || return 1
	n appliance ip addr add 172.31.0.1/30 dev gre1
	n r1 ip addr add 172.31.0.2/30 dev gre1
	n r1 sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.gre1.rp_filter=0
	n appliance ip link set gre1 up
	n r1 ip link set gre1 up
	n appliance ip route add "$CLIENT4/32" dev gre1
}

check "module loads" load_reflect
topology_two_routers
count_fragments r1
count_fragments r2
check "reflection is enabled on eth0" reflectctl appliance iface add eth0
check "the client's pings are reflected via R2" carried_by r2 icmp ping4 5
check "the client's IPv6 pings are reflected via R2" carried_by r2 icmp ping6 5

check "a UDP server answers with 4,000-byte datagrams" udp_server
f1=$(fragments r1) f2=$(fragments r2)
check "IPv4: 20 replies of three fragments each arrive whole" big_replies "$APPLIANCE4" 20
check "IPv4: every fragment went via R2, none via R1" fragments_via_r2 "$f1" "$f2" 60
f1=$(fragments r1) f2=$(fragments r2)
check "IPv6: 20 replies of three fragments each arrive whole" big_replies "$APPLIANCE6" 20
check "IPv6: every fragment went via R2, none via R1" fragments_via_r2 "$f1" "$f2" 60

check "a POSTROUTING rule drops UDP to port 9999" drop_in_postrouting 9999
check "IPv4: sendto() of a reflected flow that POSTROUTING drops fails with EPERM" \
	eperm_reflected "$CLIENT4"
check "IPv6: sendto() of a reflected flow that POSTROUTING drops fails with EPERM" \
	eperm_reflected "$CLIENT6"

# A Python start takes over ten seconds on the debug kernel: the wait is a poll, so its length costs nothing elsewhere.
queue_reader "/tmp/queue-stop-$suffix" > "/tmp/queue-$suffix.log" 2>&1 &
queue_pid=$!
check "the queue reader is bound" eventually 60 grep -q ready "/tmp/queue-$suffix.log"
check "TCP replies are queued in POSTROUTING" queue_in_postrouting
check "a bulk transfer through the queue completes, its frames via R2 and none via R1" \
	carried_by r2 tcp iperf3_transfer "$APPLIANCE4" -R -n 1M
touch "/tmp/queue-stop-$suffix"
wait "$queue_pid"
check "the queue saw the transfer" queue_accepted "/tmp/queue-$suffix.log"
n appliance nft delete table inet out_queue

check "a GRE tunnel to R1 carries the route to the client" gre_to_r1
before=$(counter "$(reflectctl appliance stats --json)" fb_dst_type)
check "replies routed into the tunnel reach the client via R1, none in clear via R2" \
	carried_by r1 icmp ping4 5
after=$(counter "$(reflectctl appliance stats --json)" fb_dst_type)
check "the tunnel route is counted as a fallback" test "$after" -gt "$before"

cleanup
check "module unloads" rmmod reflect
finish
