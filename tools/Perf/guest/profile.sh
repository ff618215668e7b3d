#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Where the reflected path spends its time, by the function_graph tracer: perf's sampling does
# not work under this QEMU (TCG), whose timer samples land almost only on idle CPUs, while
# function_graph instruments each call and times it, so it does. Run in a guest in instruction
# time (the guest's clocks count executed instructions, 1 ns each), where its durations are
# instruction counts and repeat from run to run:
#
#   dotnet artifacts/dotnet/bin/Reflect.Guest/debug/reflect-guest.dll run --icount 6.1 tools/Perf/guest/profile.sh [SECONDS]
#
# In bench.sh's topology, during an iperf3 UDP run of 64-byte payloads (appliance to client) of
# SECONDS (default 2), it traces, with interrupts left out:
#   peer   reflect_xmit_hook and its callees 2 levels down: the module's LOCAL_OUT hook;
#   both   ip_output and its callees 2 levels down: what the stack does once a packet leaves
#          LOCAL_OUT (a reflected packet takes it too, through the route to its next hop);
#   both   udp_sendmsg alone: the whole send of one datagram.
# It prints, per traced call path, the calls, the time in all of them and the mean per call.
# The times are the tracer's: each traced call adds its own cost (as a trivial callee like
# __rcu_read_lock shows), so compare paths traced the same way; in instruction time "us" reads
# as thousands of instructions.
set -u

here=$(dirname "$(readlink -f "$0")")
bench=$here/bench.sh
seconds=${1:-2}
id=prof
tracing=/sys/kernel/tracing

die() { echo "profile.sh: $*" >&2; exit 1; }

[ -e "$tracing/trace" ] || mount -t tracefs nodev "$tracing" || die "no tracefs"
grep -qw function_graph "$tracing/available_tracers" || die "this kernel has no function_graph tracer"
echo 40000 > "$tracing/buffer_size_kb"
echo 0 > "$tracing/options/funcgraph-irqs"

# trace CONFIG FUNCTION DEPTH: the function_graph trace of FUNCTION during one udp64
# measurement, bench.sh's own.
trace() {
	bash "$bench" config "$id" "$1" || die "config $1 failed"
	echo 0 > "$tracing/tracing_on"
	echo nop > "$tracing/current_tracer"
	echo > "$tracing/trace"
	echo "$2" > "$tracing/set_graph_function" || die "cannot trace $2"
	echo "$3" > "$tracing/max_graph_depth"
	echo function_graph > "$tracing/current_tracer"
	echo 1 > "$tracing/tracing_on"
	bash "$bench" measure "$id" udp64 "$seconds" > /dev/null || die "the udp64 measurement failed"
	echo 0 > "$tracing/tracing_on"
	summarize < "$tracing/trace"
	echo nop > "$tracing/current_tracer"
	echo > "$tracing/set_graph_function"
}

# Sums function_graph output by call path: a leaf "name();" carries its duration on its line,
# an inner call "name() {" on its closing "}". Paths are kept per CPU.
summarize() {
	awk '
	!match($0, /^ *[0-9]+\) /) { next }
	{
		cpu = substr($0, RSTART, RLENGTH)
		rest = substr($0, RSTART + RLENGTH)
		bar = index(rest, "|")
		if (!bar) next
		head = substr(rest, 1, bar - 1)
		body = substr(rest, bar + 1)
		duration = match(head, /[0-9.]+ us/) ? substr(head, RSTART, RLENGTH - 3) + 0 : -1
		match(body, /^ */)
		depth = int((RLENGTH - 1) / 2)
		body = substr(body, RLENGTH + 1)
		name = body
		sub(/\(\).*/, "", name)
		if (body ~ /\{ *$/) {
			frame[cpu, depth] = name
		} else if (body ~ /^\}/) {
			if (duration >= 0) add(path(cpu, depth), duration)
		} else if (body ~ /\);/ && duration >= 0) {
			add(depth > 0 ? path(cpu, depth - 1) " > " name : name, duration)
		}
	}
	function path(cpu, depth,   p, i) {
		p = frame[cpu, 0]
		for (i = 1; i <= depth; i++) p = p " > " frame[cpu, i]
		return p
	}
	function add(p, d) { total[p] += d; calls[p]++ }
	END {
		for (p in total)
			if (total[p] >= 1000)
				printf "%12.1f ms %8d calls %9.2f us/call  %s\n", total[p] / 1000, calls[p], total[p] / calls[p], p
	}' | sort -rn
}

bash "$bench" setup "$id" > /dev/null || die "setup failed"
trap 'bash "$bench" teardown "$id" > /dev/null' EXIT
clock=$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)
echo "kernel $(uname -r), iperf3 UDP 64-byte payloads for $seconds s per trace (clocksource $clock)"
echo "== peer: the LOCAL_OUT hook"
trace peer reflect_xmit_hook 3
echo "== peer: ip_output, what the stack does after LOCAL_OUT"
trace peer ip_output 3
echo "== plain: ip_output, what the stack does after LOCAL_OUT"
trace plain ip_output 3
echo "== peer: one datagram's send"
trace peer udp_sendmsg 1
echo "== plain: one datagram's send"
trace plain udp_sendmsg 1
