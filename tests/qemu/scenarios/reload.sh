#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Datapath scenario 9: rmmod and insmod 20 times while an iperf3 transfer runs through the
# appliance (reflected while the module is in, routed while it is out). No WARN, the transfer
# completes, the module's reference count is zero before each rmmod, and nothing of the module
# is left behind (its slab cache is gone, per /proc/slabinfo).

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

cycle() {
	local i
	for i in $(seq 20); do
		insmod "$REFLECT_KO" || return 1
		# Enable reflection on every fifth load: reflectctl starts a .NET process, slow under TCG.
		if [ $((i % 5)) -eq 1 ]; then
			reflectctl appliance iface add eth0 || return 1
			sleep 0.5
		fi
		grep -q '^reflect [0-9]* 0 ' /proc/modules || { grep '^reflect ' /proc/modules; return 1; }
		rmmod reflect || return 1
	done
	echo "20 load/unload cycles"
}

nothing_left() {
	! grep -q '^reflect ' /proc/modules && ! grep -q '^reflect' /proc/slabinfo
}

topology_two_routers
start_iperf3
n client iperf3 -c "$APPLIANCE4" -R -t 30 --connect-timeout 5000 > "/tmp/iperf3-reload-$suffix.log" 2>&1 &
transfer=$!
sleep 1
check "20 rmmod/insmod cycles under traffic" cycle
check_job "the transfer completes" "$transfer" "/tmp/iperf3-reload-$suffix.log"
check "nothing of the module is left" nothing_left

cleanup
finish
