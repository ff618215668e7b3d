#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Datapath scenario 9: rmmod and insmod 20 times while a TCP stream from the appliance to the
# client runs (reflected while the module is in, routed while it is out). No WARN, the stream
# ends cleanly with every byte delivered once the cycles are done, the module's reference count is zero before each rmmod, and nothing of the module
# is left behind (its slab cache is gone, per /proc/slabinfo). The cycles that enable reflection
# show it active before they unload: the transfer's data then leaves via R2, not R1 (topology.sh's
# counters), which only reflection does.

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

# cycle RECEIVER: the 20 cycles, while the stream's receiving end (background job RECEIVER) still runs after the last.
cycle() {
	local i start=$SECONDS
	: > "/tmp/reload-reflected-$suffix"
	for i in $(seq 20); do
		insmod "$REFLECT_KO" || return 1
		# Every fifth load enables reflection and waits until it is active: the entry is learned
		# and the data leaves via R2. The other loads cycle quickly.
		if [ $((i % 5)) -eq 1 ]; then
			local via_r2
			via_r2=$(replies r2 tcp)
			reflectctl appliance iface add eth0 || return 1
			if wait_for 10 carries_more r2 tcp "$via_r2"; then
				echo "load $i: reflected via R2" >> "/tmp/reload-reflected-$suffix"
			else
				echo "load $i: R2 carried nothing in 10 s" >> "/tmp/reload-reflected-$suffix"
			fi
		fi
		grep -q '^reflect [0-9]* 0 ' /proc/modules || { grep '^reflect ' /proc/modules; return 1; }
		rmmod reflect || return 1
	done
	echo "20 load/unload cycles in $((SECONDS - start)) s"
	kill -0 "$1" 2> /dev/null || { echo "the stream ended before the last cycle did"; return 1; }
}

# reflected_in_every_enabled_load: each load that enabled reflection saw the data leave via R2.
reflected_in_every_enabled_load() {
	local log="/tmp/reload-reflected-$suffix"
	cat "$log"
	[ -s "$log" ] && ! grep -qv 'reflected via R2' "$log"
}

nothing_left() {
	! grep -q '^reflect ' /proc/modules && ! grep -q '^reflect' /proc/slabinfo
}

topology_two_routers
# The stream lasts until the cycles are done (tools/guest-lib/stream.py), however long they take
# on a kernel.
stream_start
# The cycles start once the stream's data flows (routed: via R1).
wait_for 30 carries_more r1 tcp 0
check "20 rmmod/insmod cycles under traffic" cycle "$stream_receiver"
check "reflection was active in each load that enabled it" reflected_in_every_enabled_load
stream_stop
check_job "the appliance closes the stream" "$stream_sender" "$stream_sent"
check_job "the transfer completes" "$stream_receiver" "$stream_received"
check "every byte sent arrived" stream_delivered_all
check "nothing of the module is left" nothing_left

cleanup
finish
