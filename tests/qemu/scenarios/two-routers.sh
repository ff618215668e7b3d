#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Foundation scenario on the two-router topology (topology.sh): insmod; the REFLECT family is
# registered; ping and a 3-second iperf3 pass over IPv4 and IPv6, answered via R1 (routing: no
# interface has reflection enabled); the module's per-namespace counters, read over generic
# netlink with reflectctl, move in the appliance's namespace and stay zero in a namespace that
# carried no traffic; rmmod; the kernel log is clean.

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

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

check "module loads" load_reflect
check "family REFLECT is registered" genl ctrl get name REFLECT
topology_two_routers
# "bystander" carries no traffic at all: its counters must stay zero (per-namespace state).
add_namespaces bystander
before=$(status_json appliance)
check "status is readable over netlink" test -n "$before"
echo "module version: $(json_field "$before" version)"

check "ping IPv4 client -> appliance" carried_by r1 icmp n client ping -c 3 -i 0.2 -W 2 "$APPLIANCE4"
check "ping IPv6 client -> appliance" carried_by r1 icmp n client ping -6 -c 3 -i 0.2 -W 2 "$APPLIANCE6"
check "iperf3 IPv4 3 s" carried_by r1 tcp iperf3_transfer "$APPLIANCE4" -t 3
check "iperf3 IPv6 3 s" carried_by r1 tcp iperf3_transfer "$APPLIANCE6" -t 3

after=$(status_json appliance)
check "the appliance's counters moved" counters_moved "$before" "$after"
check "a namespace without traffic keeps its own zero counters" counters_are_zero "$(status_json bystander)"

cleanup
check "module unloads" rmmod reflect
check "module is gone" bash -c '! grep -q "^reflect " /proc/modules'
finish
