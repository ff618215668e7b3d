# SPDX-License-Identifier: GPL-2.0
#
# The two-router topology most scenarios and the benchmark share, sourced after ns.sh (the
# reflectctl helpers at the end also need lib.sh's reflectctl, so only scenarios use those). The
# appliance's default route goes via R1; the client reaches the appliance via R2. Both routers sit
# on the appliance's LAN and on the client's network; the "switch" namespace holds the bridges.
#
#                        lan 192.168.50.0/24, fd50::/64
#   +-----------+   .10     +------+     .1 +----+ .1      +------+   .100 +--------+
#   | appliance |-----------| br   |--------| R1 |---------| br   |--------| client |
#   +-----------+  eth0     | lan  |  lan0  +----+  wan0   | wan  |  eth0  +--------+
#    default via R1         |      |     .2 +----+ .2      |      |   default via R2
#                           |      |--------| R2 |---------|      |
#                           +------+        +----+         +------+
#                                       wan 10.50.0.0/24, fd51::/64
#
# Each router counts, in its forward chain, the packets it carries from the appliance to the
# client: that is how scenarios tell which router the replies took.
#
# Both routers are trusted next hops of the appliance (learning's default policy): R1 as the
# gateway of its main table, R2 as the gateway of table 100, a per-router table as the routing
# recipe has them (no rule uses it: routing still answers via R1).

APPLIANCE4=192.168.50.10
APPLIANCE6=fd50::10
CLIENT4=10.50.0.100
CLIENT6=fd51::100

# port NS IFNAME BRIDGE: a veth from namespace NS into the switch's BRIDGE.
port() {
	local peer="$1-$2"
	ip link add "$2" netns "$1-$suffix" type veth peer name "$peer" netns "switch-$suffix"
	ip -n "switch-$suffix" link set "$peer" master "$3" up
	ip -n "$1-$suffix" link set "$2" up
}

# count_replies NS: nftables counters, per protocol (icmp, udp, tcp), of the packets to the
# client that router NS forwards (only the appliance's side sends them).
count_replies() {
	n "$1" nft -f - <<-NFT
	table inet scenario {
		counter icmp_replies { }
		counter udp_replies { }
		counter tcp_replies { }
		chain forward {
			type filter hook forward priority 0; policy accept;
			oifname "wan0" ip daddr $CLIENT4 meta l4proto vmap { icmp : jump count_icmp, udp : jump count_udp, tcp : jump count_tcp }
			oifname "wan0" ip6 daddr $CLIENT6 meta l4proto vmap { ipv6-icmp : jump count_icmp, udp : jump count_udp, tcp : jump count_tcp }
		}
		chain count_icmp { counter name icmp_replies; }
		chain count_udp { counter name udp_replies; }
		chain count_tcp { counter name tcp_replies; }
	}
	NFT
}

# replies NS PROTO: how many PROTO (icmp, udp, tcp) packets router NS has carried from the
# appliance to the client so far.
replies() {
	nft_packets "$1" inet scenario "$2_replies"
}

# carries_more ROUTER PROTO COUNT: router ROUTER has carried more than COUNT of the appliance's
# PROTO packets to the client (a condition to poll for, with an earlier replies as COUNT).
carries_more() {
	local now
	now=$(replies "$1" "$2")
	echo "$2 packets via $1: $now, before: $3"
	[ "$now" -gt "$3" ]
}

# carried_by ROUTER PROTO COMMAND...: runs COMMAND, then passes when ROUTER carried at least 3 of
# the appliance's PROTO packets to the client meanwhile and the other router none.
carried_by() {
	local router=$1 proto=$2 r1 r2 d1 d2
	shift 2
	r1=$(replies r1 "$proto")
	r2=$(replies r2 "$proto")
	"$@" || { echo "traffic failed: $*"; return 1; }
	d1=$(($(replies r1 "$proto") - r1))
	d2=$(($(replies r2 "$proto") - r2))
	echo "$proto replies via R1: $d1, via R2: $d2"
	case $router in
	r1) [ "$d1" -ge 3 ] && [ "$d2" -eq 0 ] ;;
	r2) [ "$d2" -ge 3 ] && [ "$d1" -eq 0 ] ;;
	esac
}

mac_of() {
	n "$1" cat "/sys/class/net/$2/address"
}

# pktgen_flood NS FIRST LAST COUNT: COUNT 60-byte UDP packets from eth0 of namespace NS (a host on
# the LAN) to the appliance, as fast as they go, with source addresses FIRST..LAST in turn.
pktgen_flood() {
	local dev=/proc/net/pktgen/eth0 mac
	mac=$(mac_of appliance eth0)
	modprobe pktgen || return 1
	n "$1" bash -c "
		set -e
		echo rem_device_all > /proc/net/pktgen/kpktgend_0
		echo 'add_device eth0' > /proc/net/pktgen/kpktgend_0
		for setting in 'count $4' 'pkt_size 60' 'delay 0' 'dst $APPLIANCE4' 'dst_mac $mac' \
			'src_min $2' 'src_max $3' 'udp_dst_min 9' 'udp_dst_max 9'; do
			echo \"\$setting\" > $dev
		done
		echo start > /proc/net/pktgen/pgctrl
		grep -A2 '^Result' $dev"
}

# The topology is built with one `ip -batch` per namespace: under TCG every process start costs a
# tenth of a second or more, and one command a line took 5-14 s of every scenario.
topology_two_routers() {
	local i
	add_namespaces appliance r1 r2 client switch
	ip -batch - <<-IP
	link add eth0 netns appliance-$suffix type veth peer name appliance-eth0 netns switch-$suffix
	link add lan0 netns r1-$suffix type veth peer name r1-lan0 netns switch-$suffix
	link add lan0 netns r2-$suffix type veth peer name r2-lan0 netns switch-$suffix
	link add wan0 netns r1-$suffix type veth peer name r1-wan0 netns switch-$suffix
	link add wan0 netns r2-$suffix type veth peer name r2-wan0 netns switch-$suffix
	link add eth0 netns client-$suffix type veth peer name client-eth0 netns switch-$suffix
	IP
	# The switch only bridges: no addresses, no IPv6 autoconfiguration, so no local traffic.
	n switch sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	ip -n "switch-$suffix" -batch - <<-IP
	link add lan type bridge
	link add wan type bridge
	link set lan up
	link set wan up
	link set appliance-eth0 master lan up
	link set r1-lan0 master lan up
	link set r2-lan0 master lan up
	link set r1-wan0 master wan up
	link set r2-wan0 master wan up
	link set client-eth0 master wan up
	IP

	ip -n "appliance-$suffix" -batch - <<-IP
	link set eth0 up
	addr add $APPLIANCE4/24 dev eth0
	addr add $APPLIANCE6/64 dev eth0 nodad
	route add default via 192.168.50.1
	route add ::/0 via fd50::1
	route add default via 192.168.50.2 table 100
	route add ::/0 via fd50::2 table 100
	IP
	for i in 1 2; do
		n "r$i" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
		ip -n "r$i-$suffix" -batch - <<-IP
		link set lan0 up
		link set wan0 up
		addr add 192.168.50.$i/24 dev lan0
		addr add fd50::$i/64 dev lan0 nodad
		addr add 10.50.0.$i/24 dev wan0
		addr add fd51::$i/64 dev wan0 nodad
		IP
		count_replies "r$i"
	done
	ip -n "client-$suffix" -batch - <<-IP
	link set eth0 up
	addr add $CLIENT4/24 dev eth0
	addr add $CLIENT6/64 dev eth0 nodad
	route add default via 10.50.0.2
	route add ::/0 via fd51::2
	IP
}

# add_lan_appliance NS ADDRESS: one more appliance on the LAN, IPv4, routed as the first one is:
# its default route via R1, and R2 the gateway of its table 100, so both are trusted next hops.
add_lan_appliance() {
	add_namespaces "$1"
	port "$1" eth0 lan
	n "$1" ip addr add "$2/24" dev eth0
	n "$1" ip route add default via 192.168.50.1
	n "$1" ip route add default via 192.168.50.2 table 100
}

# start_iperf3: one iperf3 server on the appliance for the whole scenario (IPv4 and IPv6).
start_iperf3() {
	n appliance iperf3 -s -D --logfile "/tmp/iperf3-server-$suffix.log"
	wait_for 10 n appliance bash -c "ss -Hltn | grep -q ':5201 '"
}

# iperf3_transfer ADDRESS [iperf3 client options...]: a transfer between the client and the
# appliance's server (-R: the appliance sends the data). Starts the server when none runs.
iperf3_transfer() {
	local address=$1
	shift
	n appliance bash -c "ss -Hltn | grep -q ':5201 '" || start_iperf3 || return 1
	n client iperf3 -c "$address" --connect-timeout 5000 "$@" > "/tmp/iperf3-client-$suffix.log" 2>&1 ||
		{ cat "/tmp/iperf3-client-$suffix.log"; return 1; }
}

# stream_start: a stream.py stream from the appliance to the client (port 5202) that lasts until
# stream_stop, one per scenario. Its ends' pids are $stream_sender and $stream_receiver, their
# outputs the files $stream_sent and $stream_received.
stream_start() {
	stream_sent="/tmp/stream-sent-$suffix" stream_received="/tmp/stream-received-$suffix"
	n appliance python3 "$guest_lib/stream.py" send 5202 "/tmp/stream-stop-$suffix" > "$stream_sent" 2>&1 &
	stream_sender=$!
	n client python3 "$guest_lib/stream.py" receive "$APPLIANCE4" 5202 > "$stream_received" 2>&1 &
	stream_receiver=$!
}

stream_stop() {
	touch "/tmp/stream-stop-$suffix"
}

# stream_delivered_all: the stream's two ends counted the same bytes.
stream_delivered_all() {
	local sent received
	sent=$(grep -o 'sent [0-9]*' "$stream_sent")
	received=$(grep -o 'received [0-9]*' "$stream_received")
	echo "$sent bytes, $received bytes"
	[ -n "$sent" ] && [ "${sent#sent }" = "${received#received }" ]
}

ping4() { n client ping -q -c "${1:-5}" -i 0.1 -W 2 "$APPLIANCE4"; }
ping6() { n client ping -6 -q -c "${1:-5}" -i 0.1 -W 2 "$APPLIANCE6"; }
udp4() { iperf3_transfer "$APPLIANCE4" -u -R -b 2M -t 1; }
udp6() { iperf3_transfer "$APPLIANCE6" -u -R -b 2M -t 1; }
tcp4() { iperf3_transfer "$APPLIANCE4" -R -t 1; }
tcp6() { iperf3_transfer "$APPLIANCE6" -R -t 1; }

# entries_json [FILTER...]: the appliance's learned entries, as reflectctl prints them (filters: --peer etc.).
entries_json() {
	reflectctl appliance entries list --json "$@"
}

# counter JSON NAME: one counter from a reflectctl --json output.
counter() {
	jq -r ".counters.$2" <<< "$1"
}

# entry_for JSON PEER: the entry for PEER in an entries list, or null.
entry_for() {
	jq -c --arg peer "$2" '[.entries[] | select(.peer == $peer)] | first' <<< "$1"
}

# no_entry_on DEVICE: the appliance has no entry learned on DEVICE (the entries are shown).
no_entry_on() {
	local json
	json=$(entries_json)
	echo "$json"
	jq -e --arg dev "$1" '[.entries[] | select(.iface == $dev)] | length == 0' <<< "$json"
}

# entry_has PEER FIELD VALUE: the appliance's entry for PEER has FIELD == VALUE (strings).
entry_has() {
	local entry
	# Only PEER's entries: after a flood the whole table is 65,536 entries of JSON.
	entry=$(entry_for "$(entries_json --peer "$1")" "$1")
	echo "entry: $entry"
	[ "$(jq -r ".$2" <<< "$entry")" = "$3" ]
}

# add_forger: a third host on the LAN, "evil" 192.168.50.66, that holds the client's address too
# and sends as the client from its own MAC address. Its nftables counters (evil_received) count
# what the appliance sends it: everything (from_appliance), echo replies, TCP segments (tcp_segments).
add_forger() {
	add_namespaces evil
	port evil eth0 lan
	n evil ip addr add 192.168.50.66/24 dev eth0
	n evil ip addr add "$CLIENT4/32" dev eth0
	n evil ip route add "$APPLIANCE4/32" dev eth0 src "$CLIENT4"
	n evil nft -f - <<-NFT
	table inet evil {
		counter from_appliance { }
		counter echo_replies { }
		counter tcp_segments { }
		chain from_lan {
			type filter hook prerouting priority 0; policy accept;
			ip saddr $APPLIANCE4 counter name from_appliance
			ip saddr $APPLIANCE4 icmp type echo-reply counter name echo_replies
			ip saddr $APPLIANCE4 meta l4proto tcp counter name tcp_segments
		}
	}
	NFT
}

# forge_burst SOURCE DATAGRAMS PORT INTERVAL SYNS: from evil, DATAGRAMS UDP datagrams to the
# appliance's PORT every INTERVAL seconds, then SYNS TCP connection attempts to port 5201 every
# 20 ms, all with SOURCE as source address (one python process: forging must not starve the
# guest's CPUs).
forge_burst() {
	n evil python3 - "$1" "$APPLIANCE4" "$2" "$3" "$4" "$5" <<-'PY'
	import socket, sys, time
	forged, target = sys.argv[1], sys.argv[2]
	datagrams, port, interval, syns = int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
	for i in range(datagrams):
	    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
	        s.bind((forged, 0))
	        s.sendto(b"forged", (target, port))
	    time.sleep(interval)
	for i in range(syns):
	    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
	        s.setblocking(False)
	        s.bind((forged, 0))
	        try:
	            s.connect((target, 5201))
	        except BlockingIOError:
	            pass
	        time.sleep(0.02)
	print("forged", datagrams, "UDP datagrams and", syns, "TCP SYNs as", forged)
	PY
}

# evil_received [COUNTER]: what the forger has received from the appliance so far (from_appliance,
# echo_replies or tcp_segments).
evil_received() {
	nft_packets evil inet evil "${1:-from_appliance}"
}

# second_leg: a second LAN between the appliance (eth1) and R2 (lan1), over which R2 reaches
# the appliance's LAN address. The client then comes in on eth1; routing still answers via R1.
#
#   appliance eth1 192.168.51.10, fd52::10 --- lan2 --- R2 lan1 192.168.51.2, fd52::2
second_leg() {
	n switch ip link add lan2 type bridge
	n switch ip link set lan2 up
	port appliance eth1 lan2
	port r2 lan1 lan2
	n appliance sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.eth1.rp_filter=0
	n appliance ip addr add 192.168.51.10/24 dev eth1
	n appliance ip addr add fd52::10/64 dev eth1 nodad
	n r2 ip addr add 192.168.51.2/24 dev lan1
	n r2 ip addr add fd52::2/64 dev lan1 nodad
	n r2 ip route add "$APPLIANCE4/32" via 192.168.51.10
	n r2 ip -6 route add "$APPLIANCE6/128" via fd52::10
	# R2 on this LAN is a trusted next hop too: the gateway of table 110.
	n appliance ip route add default via 192.168.51.2 table 110
	n appliance ip -6 route add default via fd52::2 table 110
}
