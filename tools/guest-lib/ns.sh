# SPDX-License-Identifier: GPL-2.0
#
# Namespace helpers without side effects, for scenarios (through lib.sh) and for the benchmark's
# guest script (tools/Perf/guest/bench.sh). The caller sets $suffix, which names its namespaces.

namespaces=()

# n NAME COMMAND...: run COMMAND in this scenario's namespace NAME. An ip command runs as
# `ip -n`, which enters the namespace itself: one program started instead of two (under TCG each
# start costs a tenth of a second, on the debug kernel about a second).
n() {
	local name=$1
	shift
	if [ "$1" = ip ]; then
		ip -n "$name-$suffix" "${@:2}"
	else
		ip netns exec "$name-$suffix" "$@"
	fi
}

add_namespaces() {
	local name
	for name in "$@"; do
		ip netns add "$name-$suffix"
		namespaces+=("$name")
		ip -n "$name-$suffix" link set lo up
	done
}

# nft_packets NS FAMILY TABLE COUNTER: the packets the named nftables counter in namespace NS has
# counted so far.
nft_packets() {
	local listing
	listing=$(n "$1" nft list counter "$2" "$3" "$4") || return 1
	# "packets N bytes M", read without starting jq: scenarios poll this every tenth of a second.
	[[ $listing =~ packets\ ([0-9]+) ]] || { echo "no packet count in: $listing" >&2; return 1; }
	echo "${BASH_REMATCH[1]}"
}

# wait_for SECONDS COMMAND...: poll until COMMAND succeeds.
wait_for() {
	local deadline=$((SECONDS + $1))
	shift
	until "$@" >/dev/null 2>&1; do
		[ "$SECONDS" -lt "$deadline" ] || return 1
		sleep 0.1
	done
}
