#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Datapath scenario 9: rmmod and insmod 20 times while an iperf3 transfer runs through the
# appliance (reflected while the module is in, routed while it is out). No WARN, the transfer
# completes, the module's reference count is zero before each rmmod, and nothing of the module
# is left behind (its slab cache is gone, per /proc/slabinfo). The cycles that enable reflection
# show it active before they unload: the transfer's data then leaves via R2, not R1 (topology.sh's
# counters), which only reflection does.

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

# cycle TRANSFER: the 20 cycles, while the background job TRANSFER still runs after the last.
cycle() {
	local i start=$SECONDS
	: > "/tmp/reload-reflected-$suffix"
	for i in $(seq 20); do
		insmod "$REFLECT_KO" || return 1
		# Every fifth load enables reflection and waits until it is active: the entry is learned
		# and the data leaves via R2. The other loads cycle quickly, so that all twenty fit into
		# the transfer.
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
	kill -0 "$1" 2> /dev/null || { echo "the transfer ended before the last cycle did"; return 1; }
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
start_iperf3
# The transfer outlasts the cycles, which take about a minute under TCG.
n client iperf3 -c "$APPLIANCE4" -R -t 90 --connect-timeout 5000 > "/tmp/iperf3-reload-$suffix.log" 2>&1 &
transfer=$!
# The cycles start once the transfer's data flows (routed: via R1).
wait_for 10 carries_more r1 tcp 0
check "20 rmmod/insmod cycles under traffic" cycle "$transfer"
check "reflection was active in each load that enabled it" reflected_in_every_enabled_load
check_job "the transfer completes" "$transfer" "/tmp/iperf3-reload-$suffix.log"
check "nothing of the module is left" nothing_left

cleanup
finish
