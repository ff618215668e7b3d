/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * reflect: IP reflection for Linux storage appliances.
 *
 * This header is the contract between reflect.ko and every user-space tool.
 * The C# side (tools/Reflect.Netlink) mirrors these names verbatim, and a unit
 * test parses this file to check that its constants equal the values below.
 *
 * Transport: generic netlink, family REFLECT_GENL_NAME, version
 * REFLECT_GENL_VERSION. Every command acts on the network namespace of the
 * socket that sends it.
 *
 * Commands
 * --------
 *
 * REFLECT_CMD_GET_STATUS  (do; readable without privileges)
 *   request:  no attributes
 *   reply:    REFLECT_A_VERSION      NLA_NUL_STRING  module version
 *             REFLECT_A_STATS        NLA_NESTED      namespace's counters:
 *               REFLECT_STATS_A_PRE_IPV4    NLA_U64  packets seen by the IPv4
 *                                                    PREROUTING hook
 *               REFLECT_STATS_A_PRE_IPV6    NLA_U64  same, IPv6
 *               REFLECT_STATS_A_OUT_IPV4    NLA_U64  packets seen by the IPv4
 *                                                    LOCAL_OUT hook
 *               REFLECT_STATS_A_OUT_IPV6    NLA_U64  same, IPv6
 *
 * Counters are 64-bit and carried as NLA_U64 aligned with REFLECT_STATS_A_PAD.
 * Readers must ignore attributes they do not know: later versions add
 * counters and commands without renumbering existing ones.
 */
#ifndef _UAPI_REFLECT_H
#define _UAPI_REFLECT_H

#define REFLECT_GENL_NAME	"REFLECT"
#define REFLECT_GENL_VERSION	1

enum reflect_cmd {
	REFLECT_CMD_UNSPEC,
	REFLECT_CMD_GET_STATUS,
	__REFLECT_CMD_MAX
};

#define REFLECT_CMD_MAX (__REFLECT_CMD_MAX - 1)

enum reflect_attr {
	REFLECT_A_UNSPEC,
	REFLECT_A_VERSION,
	REFLECT_A_STATS,
	__REFLECT_A_MAX
};

#define REFLECT_A_MAX (__REFLECT_A_MAX - 1)

enum reflect_stats_attr {
	REFLECT_STATS_A_UNSPEC,
	REFLECT_STATS_A_PAD,
	REFLECT_STATS_A_PRE_IPV4,
	REFLECT_STATS_A_PRE_IPV6,
	REFLECT_STATS_A_OUT_IPV4,
	REFLECT_STATS_A_OUT_IPV6,
	__REFLECT_STATS_A_MAX
};

#define REFLECT_STATS_A_MAX (__REFLECT_STATS_A_MAX - 1)

#endif /* _UAPI_REFLECT_H */
