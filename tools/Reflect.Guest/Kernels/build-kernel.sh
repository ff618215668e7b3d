#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# build-kernel.sh TARBALL FRAGMENT DIR: builds a kernel for the test guest from a source tarball
# (Debian's linux-source-<series> package) into DIR: DIR/source holds the sources, DIR/build the
# objects (make O=, and the tree out-of-tree modules build against), DIR/root/lib/modules the
# installed modules. The configuration is x86_64_defconfig with FRAGMENT merged on top by the
# kernel's own scripts/kconfig/merge_config.sh; a requested option that olddefconfig dropped or
# changed fails the build, so the fragment never silently means less than it says.
# Prints progress every few hundred build steps; the whole log is DIR/build.log.
set -euo pipefail

tarball=$(realpath "$1")
fragment=$(realpath "$2")
dir=$3
jobs=${REFLECT_BUILD_JOBS:-$(nproc)}
mkdir -p "$dir/source" "$dir/build" "$dir/root"
dir=$(realpath "$dir")
log=$dir/build.log
: > "$log"

step() { echo "$(date +%H:%M:%S) $*"; }

step "unpacking $(basename "$tarball")"
tar -xf "$tarball" -C "$dir/source" --strip-components=1

cd "$dir/source"
step "configuring: x86_64_defconfig + $(basename "$fragment")"
make O="$dir/build" x86_64_defconfig >> "$log" 2>&1
scripts/kconfig/merge_config.sh -m -O "$dir/build" "$dir/build/.config" "$fragment" >> "$log" 2>&1
make O="$dir/build" olddefconfig >> "$log" 2>&1

# Every option of the fragment must have survived: "=n" as "is not set" (or absent), the others verbatim.
missing=0
while IFS= read -r line; do
	case "$line" in CONFIG_*=*) ;; *) continue ;; esac
	option=${line%%=*}
	if [ "${line#*=}" = n ]; then
		grep -q "^$option=" "$dir/build/.config" || continue
	else
		grep -qxF "$line" "$dir/build/.config" && continue
	fi
	echo "requested $line, got: $(grep "^$option=\|^# $option is not set" "$dir/build/.config" || echo absent)"
	missing=1
done < "$fragment"
[ "$missing" -eq 0 ] || { echo "the configuration differs from the fragment (see above)"; exit 1; }

build() {
	# One line of progress every 400 steps of make's output; the whole output goes to the log.
	make O="$dir/build" -j"$jobs" "$@" 2>&1 | tee -a "$log" |
		awk '/error:|Error [0-9]/ { print; fflush() } NR % 400 == 0 { printf "  %d build steps\n", NR; fflush() }'
	[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "make $* failed; the end of $log:"; tail -n 40 "$log"; exit 1; }
}

step "building bzImage and modules with $jobs jobs"
build bzImage modules
step "installing modules"
make O="$dir/build" INSTALL_MOD_PATH="$dir/root" INSTALL_MOD_STRIP=1 modules_install >> "$log" 2>&1
# The release string names the modules directory (root/lib/modules/<release>).
make -s O="$dir/build" kernelrelease > "$dir/release"
step "built $(cat "$dir/release")"
