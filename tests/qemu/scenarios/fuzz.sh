#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Control scenario: 10,000 random and mutated requests to the REFLECT family from a privileged
# process, then 10,000 from an unprivileged one (uid 65534, no capabilities). Every request is
# answered, the kernel log stays clean (no WARN, no oops), and the unprivileged process changes
# nothing: every state change it asks for is refused with EPERM, and the state reads the same.

. "$(dirname "$0")/lib.sh"

nl() { n appliance python3 "$guest_lib/reflect_nl.py" "$@"; }
seed=$RANDOM
echo "fuzz seed: $seed (reflect_nl.py fuzz N --seed $seed replays it)"

check "module loads" load_reflect
add_namespaces appliance peer
ip link add eth0 netns "appliance-$suffix" type veth peer name eth0 netns "peer-$suffix"
n appliance ip link set eth0 up
n appliance ip addr add 192.168.50.10/24 dev eth0
check "reflection is enabled on eth0" reflectctl appliance iface add eth0
check "10000 requests from a privileged process are all answered" nl fuzz 10000 --seed "$seed"

state() {
	local cmd
	for cmd in "config get" "iface list" "scope list" "entries list"; do
		# shellcheck disable=SC2086 # the subcommand is two words
		reflectctl appliance $cmd --json | jq -S 'del(.. | .idle_ms?, .counters?)'
	done
}
state > "/tmp/state-before-$suffix"
unprivileged() {
	n appliance setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		python3 "$guest_lib/reflect_nl.py" fuzz 10000 --seed "$((seed + 1))" --unprivileged
}
check "10000 requests from an unprivileged process are answered, state changes with EPERM" unprivileged
same_state() {
	state > "/tmp/state-after-$suffix"
	diff "/tmp/state-before-$suffix" "/tmp/state-after-$suffix"
}
check "the unprivileged process changed nothing" same_state

cleanup
check "module unloads" rmmod reflect
finish
