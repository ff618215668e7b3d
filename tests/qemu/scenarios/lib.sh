# SPDX-License-Identifier: GPL-2.0
#
# Helpers for guest scenarios; sourced by each scenario, which runs as root inside the test guest
# (see tools/Reflect.Guest). Modeled on WireGuard's netns.sh and the kernel's netfilter selftests:
# namespaces with a random suffix, commands prefixed with the namespace they run in, polling waits
# instead of sleeps, explicit PASS/FAIL lines, and a success token only when everything passed.
#
# Variables from the harness: REFLECT_KO, REFLECTCTL (the native binary), WARN_FIXTURE_KO,
# LEAK_FIXTURE_KO, REFLECT_SERIES, REFLECT_DEBUG_KERNEL (1 on a debug kernel: ci/debug.config).

set -u
# The guest-side helpers scenarios share with the benchmark's guest scripts (tools/Perf/guest):
# ns.sh for every scenario; topology.sh and reflect_nl.py for those that use them.
guest_lib=$(readlink -f "$(dirname "${BASH_SOURCE[0]}")/../../../tools/guest-lib")
. "$guest_lib/ns.sh"
suffix=$(printf '%04x%04x' $RANDOM $RANDOM)
failures=0
scenario=$(basename "$0" .sh)
dmesg_mark="reflect-scenario-$scenario-$suffix"

pass() { echo "PASS: $*"; took; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); took; }

# took: after a PASS or FAIL line, the seconds since the previous one (or the start) when they
# were at least one, so that a scenario's log shows where its time went (no process started:
# under TCG each costs a tenth of a second; EPOCHREALTIME in microseconds).
last_check=${EPOCHREALTIME//[.,]/}
took() {
	local now=${EPOCHREALTIME//[.,]/}
	(( now - last_check < 1000000 )) ||
		printf '    (%d.%d s)\n' $(((now - last_check) / 1000000)) $(((now - last_check) / 100000 % 10))
	last_check=$now
}

# check NAME COMMAND...: one PASS/FAIL line; on failure the command's output, indented.
# Always returns 0, so a scenario goes on and reports every check.
check() {
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		pass "$name"
		# REFLECT_VERBOSE=1 (ci/demo) shows what each check saw, not only failures.
		[ "${REFLECT_VERBOSE:-0}" = 1 ] && [ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/    /'
	else
		fail "$name"
		printf '%s\n' "$out" | sed 's/^/    /'
	fi
	return 0
}

# check_shown NAME COMMAND...: check, showing the command's output even when it passes (for
# figures a report quotes: times, counts).
check_shown() {
	REFLECT_VERBOSE=1 check "$@"
}

# eventually SECONDS COMMAND...: polls COMMAND (wait_for) until it succeeds, then runs it once
# more for its output: what the check saw last, in time or not.
eventually() {
	local seconds=$1
	shift
	wait_for "$seconds" "$@"
	"$@"
}

# check_job NAME PID [LOG]: waits for the background job PID and reports it as one check (with
# LOG on failure). The wait happens here, in the scenario's shell: check runs its command in a
# subshell, and a subshell cannot wait for its parent's job while that job still runs.
check_job() {
	local name=$1 pid=$2 log=${3:-} status=0
	wait "$pid" || status=$?
	check "$name" job_status "$status" "$log"
}

job_status() {
	[ "$1" -eq 0 ] && return 0
	echo "exit status $1"
	[ -z "$2" ] || cat "$2"
	return 1
}

cleanup() {
	local name pid
	for name in "${namespaces[@]}"; do
		for pid in $(ip netns pids "$name-$suffix" 2>/dev/null); do
			kill -9 "$pid" 2>/dev/null
		done
		ip netns del "$name-$suffix" 2>/dev/null
	done
	namespaces=()
}
trap cleanup EXIT

# reflectctl NS ARGS...: the CLI, run in this scenario's namespace NS.
reflectctl() {
	n "$1" "$REFLECTCTL" "${@:2}"
}

module_loaded() {
	grep -q "^$1 " /proc/modules
}

load_reflect() {
	module_loaded reflect || insmod "$REFLECT_KO"
}

# json_field JSON KEY: the value of a uniquely named scalar field in reflectctl's --json output.
json_field() {
	printf '%s' "$1" | grep -o "\"$2\": *[^,}]*" | head -n 1 | sed 's/^[^:]*: *//; s/^"//; s/"$//'
}

# Marks the kernel log, so that finish() reads only what this scenario caused.
echo "$dmesg_mark start" > /dev/kmsg

kernel_log_is_clean() {
	local log
	log=$(dmesg | sed -n "/$dmesg_mark start/,\$p")
	if printf '%s\n' "$log" | grep -E 'WARNING:|BUG:|Oops|Call Trace|refcount_t|unreferenced object|leak'; then
		return 1
	fi
}

# finish: the kernel log check, then the success token only when no check failed.
finish() {
	cleanup
	check "kernel log is clean" kernel_log_is_clean
	if [ "$failures" -eq 0 ]; then
		echo "SCENARIO-OK: $scenario"
		exit 0
	fi
	echo "SCENARIO-FAILED: $scenario ($failures failed)"
	exit 1
}
