#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Control scenario: a 100,000-entry table dumps completely and exactly, with reflect_nl.py
# (raw netlink) and with reflectctl; then, while another process keeps adding and deleting
# entries, repeated dumps carry no duplicate, miss none of the entries nobody touched, and
# flag the change (NLM_F_DUMP_INTR). Prints the dump times (the control issue reports them).

. "$(dirname "$0")/lib.sh"

nl() { n appliance python3 "$guest_lib/reflect_nl.py" "$@"; }

entries=100000

check "module loads" load_reflect
add_namespaces appliance peer
ip link add eth0 netns "appliance-$suffix" type veth peer name eth0 netns "peer-$suffix"
n appliance ip link set eth0 up
n appliance ip addr add 192.168.50.10/24 dev eth0
n appliance ip addr add fd50::10/64 dev eth0 nodad
# The buckets are sized from max_entries when the first interface is enabled.
check "the table may hold 200000 entries" reflectctl appliance config set max_entries=200000
check "reflection is enabled on eth0" reflectctl appliance iface add eth0
check_shown "$entries static entries are added" nl fill "$entries" --static
check_shown "the raw dump has exactly the $entries entries" nl dump --expect "$entries"

reflectctl_dump() {
	local start=$SECONDS json count
	json=$(reflectctl appliance entries list --json) || return 1
	count=$(jq '.entries | length' <<< "$json")
	echo "reflectctl listed $count entries in $((SECONDS - start)) s (including its start-up)"
	[ "$count" -eq "$entries" ]
}
check_shown "reflectctl lists the $entries entries" reflectctl_dump

nl churn 25 > "/tmp/churn-$suffix.log" 2>&1 &
churn=$!
interrupted=0
dump_under_churn() {
	local out
	out=$(nl dump --stable "$entries") || { echo "$out"; return 1; }
	echo "$out"
	grep -q "interrupted 1" <<< "$out" && echo interrupted > "/tmp/intr-$suffix"
	return 0
}
# churning: the churn has begun, the table holds more than the entries it leaves alone.
churning() {
	[ "$(nl counters | jq .entries)" -gt "$entries" ]
}
wait_for 30 churning
for i in 1 2 3; do
	check_shown "dump $i while the table churns has no duplicate and every untouched entry" dump_under_churn
done
check_job "the churn ran without error" "$churn" "/tmp/churn-$suffix.log"
check "a dump across changes is flagged NLM_F_DUMP_INTR" test -e "/tmp/intr-$suffix"
check "the table is flushed" reflectctl appliance entries flush
check "the flushed table dumps empty" nl dump --expect 0

cleanup
check "module unloads" rmmod reflect
finish
