#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The Debian packages on an appliance, in the guest. ci/package builds them into
# artifacts/package/. The appliance's root is the userland the kernel's modules are built with
# (the host's, or the kernel's suite's chroot for sid), made writable by an overlay in tmpfs, with
# the running kernel's modules directory writable the same way and its headers where Debian puts
# them. There:
# - dpkg installs reflect-dkms, whose postinst has DKMS build reflect.ko for the running kernel
#   from /usr/src/reflect-VERSION (gcc inside the guest), and reflectctl;
# - modprobe loads the DKMS module, which reports the packages' version;
# - the commands of the installed reflect.service (ExecStart), run in the appliance's namespace,
#   bring up /etc/reflect/reflect.json naming eth0, R2 and eth1, which does not exist yet:
#   apply leaves eth1 out and exits 6, which the unit counts a success; the two-router checks then
#   see the replies leave via R2;
# - once eth1 exists, ExecReload (what the udev rule triggers when an interface appears) enables
#   it; a second ExecReload changes nothing; ExecStop turns reflection off (replies via R1).
# - systemd-analyze verify passes the unit among the installed files (where the userland has
#   systemd).
#
# kernels: 6.1 sid
# runs: when named
# timeout-minutes: 30

. "$(dirname "$0")/lib.sh"
. "$guest_lib/topology.sh"

# dkms (and run_unit below) read from process substitutions, which need /dev/fd; the guest's
# devtmpfs has none.
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd

debs=$REFLECT_ROOT/artifacts/package
kver=$(uname -r)
work=/tmp/appliance-$suffix
root=$work/root

packages_built() {
	ls "$debs"/reflect-dkms_*_all.deb "$debs"/reflectctl_*_amd64.deb
}

clean_env=(/usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive)

# in_root COMMAND...: COMMAND in the appliance's root, with a clean environment.
in_root() {
	chroot "$root" "${clean_env[@]}" "$@"
}

# in_appliance COMMAND...: the same, in the appliance's network namespace.
in_appliance() {
	n appliance chroot "$root" "${clean_env[@]}" "$@"
}

make_root() {
	local lower=$REFLECT_USERLAND
	mkdir -p "$work/upper" "$work/work" "$root" "$work/mod-upper" "$work/mod-work" || return 1
	mount -t overlay overlay -o "lowerdir=$lower,upperdir=$work/upper,workdir=$work/work" "$root" || return 1
	mount --bind /proc "$root/proc" && mount --rbind /sys "$root/sys" && mount --rbind /dev "$root/dev" || return 1
	mount -t tmpfs tmpfs "$root/run" && mount -t tmpfs tmpfs "$root/tmp" || return 1
	# The kernel cache (the headers' Makefiles name their own absolute paths) and the checkout.
	local path
	for path in "$REFLECT_CACHE" "$REFLECT_ROOT"; do
		mkdir -p "$root$path" && mount --bind "$path" "$root$path" || return 1
	done
	# The running kernel's modules, writable: DKMS installs into updates/dkms and runs depmod.
	mkdir -p "$root/lib/modules/$kver" || return 1
	mount -t overlay overlay -o "lowerdir=/lib/modules/$kver,upperdir=$work/mod-upper,workdir=$work/mod-work" \
		"$root/lib/modules/$kver" || return 1
	# Its build link names Debian's path of the headers package: there they are.
	mkdir -p "$root/usr/src" && ln -sfn "$REFLECT_KERNEL_HEADERS" "$root/usr/src/$(basename "$REFLECT_KERNEL_HEADERS")" || return 1
	echo "root: overlay over $lower; build -> $(readlink "$root/lib/modules/$kver/build")"
	in_root test -e "/lib/modules/$kver/build/Makefile"
}

unmount_root() {
	umount -R "$root" 2> /dev/null
	return 0
}

# dkms_installed: DKMS built and installed reflect for the running kernel.
dkms_installed() {
	in_root dkms status reflect
	# reflect.ko, or reflect.ko.xz where the kernel's modules are compressed (sid).
	in_root dkms status reflect | grep -q "$kver.*: installed" &&
		in_root sh -c "ls /lib/modules/$kver/updates/dkms/reflect.ko*"
}

version=$(sed -n 's/^#define REFLECT_VERSION "\([^"]*\)"$/\1/p' "$REFLECT_ROOT/kmod/reflect.h")

check "the packages were built (ci/package)" packages_built
# Whatever module an earlier scenario loaded goes: the one DKMS builds is the one to load.
module_loaded reflect && rmmod reflect
check "a writable root over the userland, with the running kernel's modules and headers" make_root
check_shown "dpkg installs reflect-dkms, and DKMS builds reflect.ko for the running kernel" \
	in_root dpkg -i "$(ls "$debs"/reflect-dkms_*_all.deb)"
check_shown "dkms status says installed for the running kernel" dkms_installed
check "dpkg installs reflectctl" in_root dpkg -i "$(ls "$debs"/reflectctl_*_amd64.deb)"
if in_root sh -c 'command -v systemd-analyze' > /dev/null; then
	check_shown "systemd-analyze verify passes reflect.service" in_root systemd-analyze verify reflect.service
fi

topology_two_routers
# The site's configuration: the shipped file, with eth0, R2 named, and eth1, which a later step
# creates.
jq '. + { "interfaces": ["eth0", "eth1"], "nexthops": { "eth0": ["192.168.50.2"] } }' \
	"$root/etc/reflect/reflect.json" > "$work/reflect.json" && cp "$work/reflect.json" "$root/etc/reflect/reflect.json"

unit=$root/lib/systemd/system/reflect.service

# unit_commands KEY: the unit's KEY= lines (ExecStart, ExecReload, ExecStop), one command each.
unit_commands() {
	sed -n "s/^$1=//p" "$unit"
}

# run_unit KEY: runs the unit's KEY commands in order in the appliance's namespace, as systemd
# would, accepting an exit status SuccessExitStatus names.
run_unit() {
	local line status ok
	ok=" 0 $(unit_commands SuccessExitStatus) "
	while read -r line; do
		echo "$1: $line"
		status=0
		in_appliance sh -c "$line" || status=$?
		case $ok in *" $status "*) ;; *) echo "exit $status"; return 1 ;; esac
	done < <(unit_commands "$1")
}

dkms_module_loaded() {
	local file loaded
	grep -q '^reflect ' /proc/modules || return 1
	file=$(in_root modinfo -F filename reflect)
	loaded=$(in_appliance reflectctl status --json | jq -r .version)
	echo "modinfo: $file, version $loaded"
	[[ $file == */updates/dkms/* ]] && [ "$loaded" = "$version" ]
}

check_shown "the unit's ExecStart commands load the module and apply the file, leaving eth1 out" run_unit ExecStart
check_shown "modprobe loaded the module DKMS built, of the packages' version" dkms_module_loaded
iface_list() { in_appliance reflectctl iface list --json | jq -c '[.interfaces[].name] | sort'; }
enabled_are() {
	echo "enabled: $(iface_list)"
	[ "$(iface_list)" = "$1" ]
}
reload_enables_eth1() {
	run_unit ExecReload && enabled_are '["eth0","eth1"]'
}
reload_changes_nothing() {
	local out
	out=$(in_appliance sh -c "$(unit_commands ExecReload)") || return 1
	echo "changes: ${out:-none}"
	[ -z "$out" ]
}

check "eth0 is enabled, eth1 not yet" enabled_are '["eth0"]'
start_iperf3
check "ping: replies via R2" carried_by r2 icmp ping4 5
check "iperf3: replies via R2" carried_by r2 tcp tcp4

second_leg
check_shown "once eth1 exists, ExecReload (the udev rule's action) enables it" reload_enables_eth1
check "a second ExecReload changes nothing" reload_changes_nothing
check "ExecStop turns reflection off" run_unit ExecStop
check "then replies follow the routing table: via R1" carried_by r1 icmp ping4 5

cleanup
rmmod reflect
unmount_root
finish
