#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Datapath scenario: an IPv4 raw socket with IP_HDRINCL sends a packet whose version nibble says 6.
# The IPv4 LOCAL_OUT hook must treat it as the IPv4 packet it is (the hook's family, not the
# packet's first byte): read as IPv6, its 40-byte header would run past a 20-byte one and the
# IPv4 route would be read as an IPv6 one, past the end of its struct (KASAN reports that on the
# debug kernel). A static IPv6 entry is added for exactly the addresses the packet's bytes spell
# as an IPv6 header, so a module that misreads the family finds an entry and reflects it.
#
#   appliance eth0 192.168.50.10 ---- peer eth0 192.168.50.20

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

# The packet: version 6, IHL 5, protocol 253 (experimental), 40 bytes of payload whose bytes 4-19
# are an IPv6 address. raw(7): with IP_HDRINCL the kernel fills in the checksum and total length
# (and the ID when it is 0), so the script computes the same values and knows every byte sent.
# "spell" prints the IPv6 source and destination those bytes make; "send" sends the packet.
crafted() {
	n appliance python3 - "$@" <<-'PY'
	import socket, struct, sys
	mode, src, dst = sys.argv[1:4]
	payload = bytes(4) + socket.inet_pton(socket.AF_INET6, "fd99::2") + bytes(20)
	def checksum(header):
	    total = sum(struct.unpack("!10H", header))
	    total = (total >> 16) + (total & 0xFFFF)
	    return ~(total + (total >> 16)) & 0xFFFF
	header = struct.pack("!BBHHHBBH4s4s", 0x65, 0, 20 + len(payload), 0x1234, 0, 64, 253, 0,
	                     socket.inet_aton(src), socket.inet_aton(dst))
	header = header[:10] + struct.pack("!H", checksum(header)) + header[12:]
	packet = header + payload
	if mode == "spell":
	    print(socket.inet_ntop(socket.AF_INET6, packet[8:24]), socket.inet_ntop(socket.AF_INET6, packet[24:40]))
	else:
	    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 253)
	    s.setsockopt(socket.IPPROTO_IP, socket.IP_HDRINCL, 1)
	    for _ in range(int(sys.argv[4])):
	        s.sendto(packet, (dst, 0))
	PY
}

check "module loads" load_reflect
add_namespaces appliance peer
ip link add eth0 netns "appliance-$suffix" type veth peer name eth0 netns "peer-$suffix"
n appliance ip link set eth0 up
n peer ip link set eth0 up
n appliance ip addr add 192.168.50.10/24 dev eth0
n peer ip addr add 192.168.50.20/24 dev eth0
n appliance ip neigh replace 192.168.50.20 lladdr "$(n peer cat /sys/class/net/eth0/address)" dev eth0
check "reflection is enabled on eth0" reflectctl appliance iface add eth0
read -r local6 peer6 <<< "$(crafted spell 192.168.50.10 192.168.50.20)"
echo "the packet's bytes read as IPv6: $local6 -> $peer6"
check "a static IPv6 entry for what the bytes spell" \
	reflectctl appliance entries add "$peer6" --local "$local6" --iface eth0 --lladdr 02:00:00:00:00:66 --static

before=$(reflectctl appliance stats --json)
check "ten such packets are sent" crafted send 192.168.50.10 192.168.50.20 10
after=$(reflectctl appliance stats --json)
# counted NAME N, counted_at_least NAME N: how much counter NAME grew while the packets went out
# (misses count the appliance's IPv6 neighbour discovery too).
growth() {
	delta=$(($(counter "$after" "$1") - $(counter "$before" "$1")))
	echo "$1: +$delta"
}
counted() { growth "$1" && [ "$delta" -eq "$2" ]; }
counted_at_least() { growth "$1" && [ "$delta" -ge "$2" ]; }
check "the IPv4 hook saw them as IPv4" counted out_ipv4 10
check "none was reflected by the IPv6 entry" counted reflected_packets 0
check "each was a miss of the IPv4 table key" counted_at_least miss 10

cleanup
check "module unloads" rmmod reflect
finish
