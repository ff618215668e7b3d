#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The two-router topology. The appliance's default route goes via R1; the client reaches the
# appliance via R2. Both routers sit on the appliance's LAN and on the client's network; the
# "switch" namespace holds the two bridges that make those segments.
#
#                        lan 192.168.50.0/24, fd50::/64
#   +-----------+   .10     +------+     .1 +----+ .1      +------+   .100 +--------+
#   | appliance |-----------| br   |--------| R1 |---------| br   |--------| client |
#   +-----------+           | lan  |        +----+         | wan  |        +--------+
#    default via R1         |      |     .2 +----+ .2      |      |   default via R2
#                           |      |--------| R2 |---------|      |
#                           +------+        +----+         +------+
#                                       wan 10.50.0.0/24, fd51::/64
#
# Foundation scenario (skeleton module): insmod; the REFLECT family is registered; ping and a
# 3-second iperf3 pass over IPv4 and IPv6; the module's per-namespace counters, read over
# generic netlink with reflectctl, move in the appliance's namespace and stay zero in a namespace
# that carried no traffic; rmmod; the kernel log is clean.

. "$(dirname "$0")/lib.sh"

# "bystander" carries no traffic at all: its counters must stay zero (per-namespace state).
add_namespaces appliance r1 r2 client switch bystander

# port NS IFNAME BRIDGE: a veth from namespace NS into the switch's BRIDGE.
port() {
	local peer="$1-$3"
	ip link add "$2" netns "$1-$suffix" type veth peer name "$peer" netns "switch-$suffix"
	n switch ip link set "$peer" master "$3" up
	n "$1" ip link set "$2" up
}

setup() {
	# The switch only bridges: no addresses, no IPv6 autoconfiguration, so no local traffic.
	n switch sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	n switch ip link add lan type bridge
	n switch ip link add wan type bridge
	n switch ip link set lan up
	n switch ip link set wan up
	port appliance eth0 lan
	port r1 lan0 lan
	port r2 lan0 lan
	port r1 wan0 wan
	port r2 wan0 wan
	port client eth0 wan

	n appliance ip addr add 192.168.50.10/24 dev eth0
	n appliance ip addr add fd50::10/64 dev eth0 nodad
	n appliance ip route add default via 192.168.50.1
	n appliance ip -6 route add default via fd50::1
	local i
	for i in 1 2; do
		n "r$i" ip addr add "192.168.50.$i/24" dev lan0
		n "r$i" ip addr add "fd50::$i/64" dev lan0 nodad
		n "r$i" ip addr add "10.50.0.$i/24" dev wan0
		n "r$i" ip addr add "fd51::$i/64" dev wan0 nodad
		n "r$i" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
	done
	n client ip addr add 10.50.0.100/24 dev eth0
	n client ip addr add fd51::100/64 dev eth0 nodad
	n client ip route add default via 10.50.0.2
	n client ip -6 route add default via fd51::2
}

status_json() {
	reflectctl "$1" status --json
}

counters_moved() {
	local before=$1 after=$2 key
	for key in pre_ipv4 pre_ipv6 out_ipv4 out_ipv6; do
		local b a
		b=$(json_field "$before" "$key")
		a=$(json_field "$after" "$key")
		echo "$key: $b -> $a"
		[ "$a" -gt "$b" ] || return 1
	done
}

counters_are_zero() {
	local key v
	for key in pre_ipv4 pre_ipv6 out_ipv4 out_ipv6; do
		v=$(json_field "$1" "$key")
		echo "$key: $v"
		[ "$v" -eq 0 ] || return 1
	done
}

iperf3_transfer() {
	n appliance iperf3 -s -1 -D -B "$1" --logfile "/tmp/iperf3-server-$suffix.log"
	wait_for 10 n appliance bash -c "ss -Hltn | grep -q ':5201 '" || return 1
	n client iperf3 -c "$1" -t 3 --connect-timeout 5000
}

check "module loads" load_reflect
check "family REFLECT is registered" bash -c 'ip -V >/dev/null; genl ctrl get name REFLECT'
setup
before=$(status_json appliance)
check "status is readable over netlink" test -n "$before"
echo "module version: $(json_field "$before" version)"

check "ping IPv4 client -> appliance" n client ping -c 3 -i 0.2 -W 2 192.168.50.10
check "ping IPv6 client -> appliance" n client ping -6 -c 3 -i 0.2 -W 2 fd50::10
check "iperf3 IPv4 3 s" iperf3_transfer 192.168.50.10
check "iperf3 IPv6 3 s" iperf3_transfer fd50::10

after=$(status_json appliance)
check "the appliance's counters moved" counters_moved "$before" "$after"
check "a namespace without traffic keeps its own zero counters" counters_are_zero "$(status_json bystander)"

cleanup
check "module unloads" rmmod reflect
check "module is gone" bash -c '! grep -q "^reflect " /proc/modules'
finish
