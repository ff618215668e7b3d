#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Control scenario: reflection writes a learned 6-byte MAC address with the device's own header
# ops, so it is for Ethernet devices only. `iface add` refuses a device without an Ethernet
# link layer (a tun device has none; an ip6gre device's "hardware address" is a 16-byte IPv6
# address, so a 6-byte MAC would be read past its end into the outer header) with the kernel's
# message and exit status 5, and accepts an Ethernet-type one (dummy, veth).

. "$(dirname "$0")/lib.sh"

check "module loads" load_reflect
add_namespaces appliance
modprobe tun && modprobe ip6_gre
n appliance ip link add dummy0 type dummy
n appliance ip tuntap add dev tun0 mode tun
n appliance ip link add gre6 type ip6gre local fd00::1 remote fd00::2
n appliance ip link set dummy0 up

refused() {
	local out status
	out=$(reflectctl appliance iface add "$1" 2>&1)
	status=$?
	echo "exit $status: $out"
	[ "$status" -eq 5 ] && grep -qi "ethernet" <<< "$out"
}
check "an Ethernet device is accepted" reflectctl appliance iface add dummy0
check "a tun device is refused with a message" refused tun0
check "an ip6gre device is refused with a message" refused gre6
not_listed() {
	local json
	json=$(reflectctl appliance iface list --json)
	echo "$json"
	jq -e '[.interfaces[].name] == ["dummy0"]' <<< "$json"
}
check "only the Ethernet device is enabled" not_listed

cleanup
check "module unloads" rmmod reflect
finish
