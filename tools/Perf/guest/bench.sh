#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The benchmark's guest side: one action per call, run as root inside the QEMU guest through the
# command channel; reflect-perf (tools/Perf) on the host decides the order (configurations
# interleaved, repetitions, warm-up) and does the statistics. Every result is one line
# "RESULT {json}"; other lines are diagnostics. Exit status non-zero on failure.
#
#   bench.sh setup ID | teardown ID | versions
#   bench.sh config ID plain|loaded|peer|flow|recipe|conntrack
#   bench.sh check ID CONFIG              do replies leave via R2 (the router the client used)?
#   bench.sh measure ID tcp1|tcp4|udp64|rr SECONDS
#   bench.sh fill ID N                    the appliance's table holds N other entries (config peer),
#                                         learned from a pktgen flood
#   bench.sh facts ID                     memory per entry, learning rate
#
# The topology is the scenarios' two-router one (tools/guest-lib/topology.sh): the client
# comes in via R2, the appliance's default route is via R1, so whatever makes replies leave via
# R2 is reflecting. The data flows from the appliance to the client (iperf3 -R, sockperf server
# on the appliance): the reflected direction is the one measured.
#
# Configurations:
#   plain      reflect.ko not loaded: plain routing, the baseline
#   loaded     loaded, eth0 enabled, the global switch off
#   peer       reflection on, peer mode          flow   reflection on, flow mode
#   recipe     not loaded; the Linux recipe: conntrack marks connections by the router MAC they
#              came from (CONNMARK in nftables), the mark is restored on output, and an ip rule
#              per mark routes via that router's table
#   conntrack  reflection on (peer mode) with conntrack active in the appliance's namespace
set -u

here=$(dirname "$(readlink -f "$0")")
guest_lib=$here/../../guest-lib
action=${1:?usage: bench.sh ACTION ID ...}
suffix=${2:-none}
. "$guest_lib/ns.sh"
. "$guest_lib/topology.sh"

state=/tmp/bench-$suffix
nl() { n appliance python3 "$guest_lib/reflect_nl.py" "$@"; }
result() { echo "RESULT $1"; }
die() { echo "bench.sh: $*" >&2; exit 1; }
# Seconds since the epoch, and arithmetic on them (awk: no bc in every root).
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.6g\", $1 }"; }

# The table is sized once for the table-scale run (buckets follow max_entries when the first
# interface is enabled), the same in every configuration that loads the module.
MAX_ENTRIES=2097152

unload() {
	if grep -q '^reflect ' /proc/modules; then
		rmmod reflect || die "rmmod failed"
	fi
}

# load [MODE]: reflect.ko with eth0 enabled, in peer (0, the default) or flow (1) mode. The mode
# is a module parameter (the default of every namespace, the existing ones included): one
# netlink call fewer than setting it afterwards, and each costs a Python start under TCG.
load() {
	unload
	insmod "$REFLECT_KO" max_entries=$MAX_ENTRIES mode="${1:-0}" || die "insmod failed"
	nl iface-add eth0 || die "enabling eth0 failed"
	# The flooder's MAC address is a named next hop: learning's default policy learns only
	# through trusted ones, and the fills and the learning rate measure learning under it.
	nl nexthop-add eth0 "$(mac_of flooder eth0)" || die "naming the flooder failed"
}

no_recipe() {
	n appliance nft delete table inet recipe 2> /dev/null
	n appliance nft delete table inet tracked 2> /dev/null
	n appliance ip rule del fwmark 1 table 101 2> /dev/null
	n appliance ip rule del fwmark 2 table 102 2> /dev/null
	n appliance ip route flush table 101 2> /dev/null
	n appliance ip route flush table 102 2> /dev/null
	return 0
}

recipe() {
	local r1mac r2mac
	r1mac=$(mac_of r1 lan0)
	r2mac=$(mac_of r2 lan0)
	n appliance ip route add default via 192.168.50.1 table 101
	n appliance ip route add default via 192.168.50.2 table 102
	n appliance ip rule add fwmark 1 table 101
	n appliance ip rule add fwmark 2 table 102
	# What CONNMARK recipes do with iptables (-j CONNMARK --set-mark on the router's MAC in
	# PREROUTING, --restore-mark in OUTPUT), in nftables; the route chain re-routes on the mark.
	n appliance nft -f - <<-NFT
	table inet recipe {
		chain pre {
			type filter hook prerouting priority mangle; policy accept;
			ct state new ether saddr $r1mac ct mark set 1
			ct state new ether saddr $r2mac ct mark set 2
		}
		chain out {
			type route hook output priority mangle; policy accept;
			meta mark set ct mark
		}
	}
	NFT
}

# Conntrack runs in a namespace only while something there uses it: one rule does.
tracked() {
	n appliance nft -f - <<-NFT
	table inet tracked {
		chain pre {
			type filter hook prerouting priority 0; policy accept;
			ct state established,related counter
		}
	}
	NFT
}

do_setup() {
	topology_two_routers
	# A LAN host that floods the appliance with pktgen: table fills and the learning rate.
	add_namespaces flooder
	port flooder eth0 lan
	n flooder ip addr add 192.168.50.77/24 dev eth0
	start_iperf3 || die "iperf3 server did not start"
	n appliance sockperf server -i "$APPLIANCE4" -p 11111 --tcp --daemonize > /dev/null 2>&1 ||
		die "sockperf server did not start"
	flood_sink || die "the flood's UDP socket could not be bound"
	echo 0 > "$state-filled"
}

# A UDP socket on the flood's port (9) that nobody reads: once its buffer is full the flood's
# datagrams are dropped, not answered with ICMP port unreachable. How many such errors a kernel
# sends varies: with port 9 closed, a 200,000-datagram flood got 123,850 of them from sid's 7.2
# and 4,516 from 6.12, which made sid's fills and learning rate measure ICMP as much as learning.
# The process binds, then forks and returns, so the socket is there when setup ends.
flood_sink() {
	n appliance python3 -c '
import os, signal, socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", 9))
if os.fork():
    os._exit(0)
os.setsid()
signal.pause()
' > /dev/null 2>&1
}

do_teardown() {
	local name pid
	unload
	for name in appliance r1 r2 client switch flooder; do
		for pid in $(ip netns pids "$name-$suffix" 2> /dev/null); do
			kill -9 "$pid" 2> /dev/null
		done
		ip netns del "$name-$suffix" 2> /dev/null
	done
	rm -f "$state"-*
	return 0
}

# The configuration switched to last is kept in $state-config: the recipe's rules and the
# conntrack configuration's table are only taken down after those (each nft or ip call is a
# process start in a namespace, which TCG makes slow), and whatever an unknown state left is.
do_config() {
	case $(cat "$state-config" 2> /dev/null) in
	plain | loaded | peer | flow) ;;
	*) no_recipe ;;
	esac
	rm -f "$state-config"
	unload
	echo 0 > "$state-filled"
	case $1 in
	plain) ;;
	loaded) load && nl config enabled=0 ;;
	peer) load 0 ;;
	flow) load 1 ;;
	recipe) recipe ;;
	conntrack) load 0 && tracked ;;
	*) die "unknown configuration $1" ;;
	esac
	echo "$1" > "$state-config"
}

# Which router carried the appliance's TCP replies during a one-second transfer.
do_check() {
	local config=$1 r1 r2 d1 d2 reflects expected ok
	r1=$(replies r1 tcp)
	r2=$(replies r2 tcp)
	n client iperf3 -c "$APPLIANCE4" -R -t 1 --connect-timeout 5000 > /dev/null 2>&1 || die "transfer failed"
	d1=$(($(replies r1 tcp) - r1))
	d2=$(($(replies r2 tcp) - r2))
	reflects=false
	[ "$d2" -ge 10 ] && [ "$d1" -eq 0 ] && reflects=true
	case $config in
	plain | loaded) expected=false ;;
	*) expected=true ;;
	esac
	# Not reflecting must mean everything via R1, not a mix.
	ok=false
	if [ "$reflects" = "$expected" ]; then
		[ "$expected" = true ] || [ "$d2" -eq 0 ] && ok=true
	fi
	result "{\"kind\":\"check\",\"config\":\"$config\",\"reflects\":$reflects,\"expected\":$expected,\"ok\":$ok,\"detail\":\"tcp replies via R2: $d2, via R1: $d1\"}"
}

# iperf3_measure WORKLOAD IPERF3-ARGS...: the result is iperf3's whole JSON report on one line
# (newlines taken out by bash itself, no process); reflect-perf picks the figure from it (the
# rate the client received). A jq start per measurement costs about 0.3 s under TCG.
iperf3_measure() {
	local workload=$1 report
	shift
	n client iperf3 -c "$APPLIANCE4" -R --connect-timeout 5000 -J "$@" > "$state-iperf3.json" ||
		die "iperf3 failed: $(jq -r .error "$state-iperf3.json" 2> /dev/null)"
	report=$(< "$state-iperf3.json")
	result "{\"kind\":\"measure\",\"workload\":\"$workload\",\"iperf3\":${report//$'\n'/ }}"
}

# TCP ping-pong: one request, one reflected reply, as fast as they go. sockperf's own summary
# of its valid window (it leaves out the first 0.4 s) gives the rate.
sockperf_measure() {
	local value
	n client sockperf ping-pong -i "$APPLIANCE4" -p 11111 --tcp -t "$1" > "$state-rr.log" 2>&1 ||
		die "sockperf failed: $(tail -3 "$state-rr.log")"
	value=$(sed -n 's/.*RunTime=\([0-9.]*\) sec; .*ReceivedMessages=\([0-9]*\).*/\2 \1/p' "$state-rr.log" |
		tail -1 | awk '{ if ($2 > 0) print $1 / $2 }')
	[ -n "$value" ] || die "no sockperf summary: $(tail -3 "$state-rr.log")"
	result "{\"kind\":\"measure\",\"workload\":\"rr\",\"value\":$value,\"unit\":\"transactions/s\"}"
}

do_measure() {
	local workload=$1 seconds=$2
	case $workload in
	tcp1 | tcp4) iperf3_measure "$workload" -t "$seconds" -P "${workload#tcp}" ;;
	# Full rate, 64-byte payloads.
	udp64) iperf3_measure "$workload" -t "$seconds" -u -b 0 -l 64 ;;
	rr) sockperf_measure "$seconds" ;;
	*) die "unknown workload $workload" ;;
	esac
}

slab_kb() {
	awk '/^SUnreclaim:/ { print $2 }' /proc/meminfo
}

# Bytes of the pages the entries' own slab cache holds: its slabs (full, partial and per-CPU)
# times the size of one. 0 before the module has made the cache.
entry_cache_bytes() {
	local cache=/sys/kernel/slab/reflect_entry
	if [ -e "$cache/slabs" ]; then
		echo $(($(awk '{ print $1 }' "$cache/slabs") * ($(getconf PAGESIZE) << $(cat "$cache/order"))))
	else
		echo 0
	fi
}

# flood_from FIRST COUNT: COUNT packets from the flooder to the appliance, from COUNT consecutive
# source addresses starting at the FIRST-th address of 10.64.0.0/10.
flood_from() {
	pktgen_flood flooder "$(address_of "$1")" "$(address_of $(($1 + $2 - 1)))" "$2" > /dev/null ||
		die "pktgen failed"
}

address_of() {
	echo "10.$((64 + ($1 >> 16))).$((($1 >> 8) & 255)).$(($1 & 255))"
}

entries() {
	nl counters | jq .entries
}

# The table holds N entries learned from pktgen's distinct sources (kernel-side, so a million
# take seconds, not the minutes netlink requests take under TCG), on top of what was there.
# Packets the flood loses are sent again until the count is reached. The first fill notes the
# unreclaimable slab size before, for the memory fact, and keeps the entries from aging.
do_fill() {
	local want=$1 have base start try
	have=$(cat "$state-filled")
	if [ "$have" -eq 0 ]; then
		nl config idle_timeout=86400 || die "config failed"
		entries > "$state-base"
		slab_kb > "$state-slab-before"
		entry_cache_bytes > "$state-cache-before"
	fi
	[ "$want" -gt "$have" ] || die "the table already holds $have entries"
	base=$(cat "$state-base")
	start=$(now)
	for try in 1 2 3 4 5; do
		flood_from "$have" $((want - have))
		[ $(($(entries) - base)) -ge "$want" ] && break
	done
	[ $(($(entries) - base)) -ge "$want" ] || die "the table holds $(($(entries) - base)) of $want entries"
	echo "$want" > "$state-filled"
	result "{\"kind\":\"fill\",\"entries\":$want,\"seconds\":$(calc "$(now) - $start"),\"floods\":$try}"
}

# New peers learned per second while pktgen floods 200,000 distinct sources (the table emptied
# first; its limit is far above that): learn_rate, the whole guest's rate, which the flood's own
# path (pktgen, two veths, the switch's bridge, IP input, the UDP socket) bounds whatever learning
# costs. Before it, the same flood with reflection switched off (config enabled=0: the module's
# hooks return at once, as in the loaded configuration): the difference between the two is what the module spends on learning 200,000 new
# peers, and learn_rate_own is the peers learned over that difference.
learn_rate() {
	local before first start took base
	nl flush
	# The flushed entries (a million after the table-scale run) are freed after an RCU grace
	# period, by callbacks that would otherwise run inside the floods and count there.
	wait_for 60 entries_freed || die "the flushed entries were not freed within 60 s: $(entries_freed)"
	nl config enabled=0 || die "switching reflection off failed"
	start=$(now)
	flood_from 3000000 200000
	base=$(calc "$(now) - $start")
	nl config enabled=1 || die "switching reflection on failed"
	before=$(nl counters | jq .learned)
	start=$(now)
	flood_from 3000000 200000
	took=$(calc "$(now) - $start")
	first=$(($(nl counters | jq .learned) - before))
	result "{\"kind\":\"fact\",\"name\":\"learn_rate\",\"value\":$(calc "$first / $took"),\"unit\":\"entries/s\",\"detail\":\"$first new peers learned from a 200000-packet pktgen flood of distinct sources in $took s\"}"
	if [ "$first" -gt 0 ] && [ "$(calc "($took > $base)")" = 1 ]; then
		result "{\"kind\":\"fact\",\"name\":\"learn_rate_own\",\"value\":$(calc "$first / ($took - $base)"),\"unit\":\"entries/s\",\"detail\":\"the same flood with reflection off took $base s against $took s: learning a new peer costs $(calc "($took - $base) * 1e9 / $first") ns of the clock\"}"
	else
		result "{\"kind\":\"fact\",\"name\":\"learn_rate_own\",\"value\":0,\"unit\":\"entries/s\",\"detail\":\"not measurable: the flood with reflection off took $base s, with learning $took s\"}"
	fi
}

# entries_freed: the entry cache holds (almost) no objects in use (SLUB's count; the cache may be
# merged with another of the same size, whose few objects count too).
entries_freed() {
	local used
	used=$(awk '{ print $1; exit }' /sys/kernel/slab/reflect_entry/objects 2> /dev/null)
	echo "reflect_entry objects in use: ${used:-unknown}"
	[ -n "$used" ] && [ "$used" -lt 5000 ]
}

do_facts() {
	local filled before after object slab buckets
	filled=$(cat "$state-filled")
	if [ "$filled" -gt 0 ] && [ -e "$state-slab-before" ]; then
		before=$(cat "$state-slab-before")
		after=$(slab_kb)
		result "{\"kind\":\"fact\",\"name\":\"bytes_per_entry\",\"value\":$(((after - before) * 1024 / filled)),\"unit\":\"bytes\",\"detail\":\"unreclaimable slab grew $((after - before)) kB for $filled entries\"}"
	fi
	if [ -d /sys/kernel/slab/reflect_entry ]; then
		object=$(cat /sys/kernel/slab/reflect_entry/object_size)
		slab=$(cat /sys/kernel/slab/reflect_entry/slab_size)
		result "{\"kind\":\"fact\",\"name\":\"slab_object_size\",\"value\":$slab,\"unit\":\"bytes\",\"detail\":\"struct reflect_entry is $object bytes, $slab in its slab cache\"}"
	fi
	# Buckets: a quarter of max_entries rounded up to a power of two, 8 bytes each (table.c).
	buckets=$(python3 -c "import math; print(2 ** math.ceil(math.log2($MAX_ENTRIES // 4)))")
	# Then what the table itself holds per entry: the pages its entry cache grew by, plus the
	# buckets. bytes_per_entry above counts every unreclaimable slab of the guest that grew
	# meanwhile (the flood's packets, the routers' and the client's allocations) too.
	if [ "$filled" -gt 0 ]; then
		result "{\"kind\":\"fact\",\"name\":\"bucket_bytes_per_entry\",\"value\":$((buckets * 8 / filled)),\"unit\":\"bytes\",\"detail\":\"$buckets buckets of 8 bytes for $filled entries\"}"
		before=$(cat "$state-cache-before")
		after=$(entry_cache_bytes)
		result "{\"kind\":\"fact\",\"name\":\"kernel_bytes_per_entry\",\"value\":$(calc "($after - $before + $buckets * 8) / $filled"),\"unit\":\"bytes\",\"detail\":\"the reflect_entry cache grew $(((after - before) / 1024)) kB and the buckets take $((buckets * 8 / 1024)) kB, for $filled entries\"}"
	fi
	learn_rate
}

do_versions() {
	local cpu
	cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
	result "{\"kind\":\"versions\",\"guest_kernel\":\"$(uname -r)\",\"cpu\":\"$cpu\",\"iperf3\":\"$(iperf3 --version | head -1)\",\"sockperf\":\"$(sockperf --version 2>&1 | grep -o 'version [0-9.]*' | head -1)\"}"
}

case $action in
setup) do_setup ;;
teardown) do_teardown ;;
config) do_config "${3:?configuration}" ;;
check) do_check "${3:?configuration}" ;;
measure) do_measure "${3:?workload}" "${4:?seconds}" ;;
fill) do_fill "${3:?entries}" ;;
facts) do_facts ;;
versions) do_versions ;;
*) die "unknown action $action" ;;
esac
