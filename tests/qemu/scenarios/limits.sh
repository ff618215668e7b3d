#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# An unprivileged user (nobody) creates a user and network namespace, where it holds
# CAP_NET_ADMIN, and enables reflection on a dummy device of its own. It may change the settings
# there, but not raise max_entries above REFLECT_MAX_ENTRIES_UNPRIV (65536): the memory a table
# pins needs the host's administrator beyond that, who may. The entries it adds are charged to
# its memory cgroup (cgroup v2, memory.stat's slab bytes). And on a full table, where every entry
# is idle enough to be evicted, a duplicate or a --replace of an existing key evicts nothing.

. "$(dirname "$0")/lib.sh"

cgroup=/sys/fs/cgroup/reflect-$suffix

# as_nobody COMMAND...: COMMAND as nobody, inside the scenario's memory cgroup.
as_nobody() {
	bash -c 'echo $$ > "$0/cgroup.procs" && exec setpriv --reuid=65534 --regid=65534 --clear-groups "$@"' \
		"$cgroup" "$@"
}

# inside COMMAND...: COMMAND as nobody in its user and network namespace (it is root there).
inside() {
	as_nobody nsenter --preserve-credentials -t "$holder" -U -n "$@"
}

# refused_with MESSAGE COMMAND...: COMMAND fails and prints MESSAGE.
refused_with() {
	local message=$1 out
	shift
	if out=$("$@" 2>&1); then
		echo "accepted: $out"
		return 1
	fi
	echo "$out"
	grep -qF "$message" <<< "$out"
}

slab_bytes() {
	awk '$1 == "slab" { print $2 }' "$cgroup/memory.stat"
}

check "module loads" load_reflect
add_namespaces appliance
mountpoint -q /sys/fs/cgroup || mount -t cgroup2 cgroup2 /sys/fs/cgroup
echo +memory > /sys/fs/cgroup/cgroup.subtree_control
mkdir "$cgroup"

# The namespaces live as long as this process, nobody's, in the cgroup. The subshell execs, so
# that $! is the process that ends up in the namespaces.
(exec bash -c 'echo $$ > "$0/cgroup.procs" && exec setpriv --reuid=65534 --regid=65534 --clear-groups "$@"' \
	"$cgroup" unshare --user --map-root-user --net sleep 600) &
holder=$!
in_own_netns() { [ "$(readlink "/proc/$holder/ns/net")" != "$(readlink /proc/self/ns/net)" ]; }
wait_for 5 in_own_netns

check "nobody enables reflection in its own namespaces" inside bash -c \
	"ip link add d0 type dummy && ip link set d0 up && ip addr add 192.168.50.10/24 dev d0 &&
	 $REFLECTCTL iface add d0"
check "it may set max_entries to 65536" inside "$REFLECTCTL" config set max_entries=65536
check "but not above" refused_with "needs CAP_NET_ADMIN in the initial user namespace" \
	inside "$REFLECTCTL" config set max_entries=65537
check "its setting is unchanged" \
	test "$(inside "$REFLECTCTL" config get --json | jq .max_entries)" -eq 65536
check "the host's administrator may set more" reflectctl appliance config set max_entries=16777216
reflectctl appliance config set max_entries=65536 > /dev/null

before=$(slab_bytes)
check_shown "nobody adds 5000 entries" inside python3 "$guest_lib/reflect_nl.py" fill 5000 --ifname d0
after=$(slab_bytes)
echo "memory.stat slab: $before -> $after bytes"
check "they are charged to its memory cgroup (at least 100 bytes each)" \
	test "$((after - before))" -ge $((5000 * 100))

kill "$holder"
wait "$holder" 2>/dev/null

# A full table of four entries, each evictable at once (evict_idle=0).
nl() { n appliance python3 "$guest_lib/reflect_nl.py" "$@"; }
n appliance ip link add d1 type dummy
n appliance ip link set d1 up
n appliance ip addr add 192.168.50.10/24 dev d1
check "reflection is enabled on d1" reflectctl appliance iface add d1
check "the table may hold four entries, each evictable at once" \
	reflectctl appliance config set max_entries=4 evict_idle=0
check "four entries fill it" nl fill 4 --ifname d1
# The first entry dumped, IPv4 or IPv6 (fill makes both).
read -r peer local <<< "$(reflectctl appliance entries list --json | jq -r '.entries[0] | "\(.peer) \(.local)"')"
check "adding an existing key again is refused" refused_with "this key has an entry" \
	reflectctl appliance entries add "$peer" --local "$local" --iface d1 --lladdr 02:00:00:00:00:77
check "replacing one is accepted" reflectctl appliance entries add "$peer" --local "$local" \
	--iface d1 --lladdr 02:00:00:00:00:77 --replace
stats=$(reflectctl appliance stats --json)
check "neither evicted an entry" test "$(jq .counters.evicted <<< "$stats")" -eq 0
check "all four are still there" test "$(reflectctl appliance entries list --json | jq '.entries | length')" -eq 4
cleanup
check "module unloads" rmmod reflect
rmdir "$cgroup" 2>/dev/null
finish
