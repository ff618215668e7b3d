/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The generic netlink family REFLECT, documented in uapi/reflect.h:
 * request.c parses requests, netlink.c runs the commands, dump.c writes
 * replies and dumps.
 */
#ifndef _REFLECT_NETLINK_H
#define _REFLECT_NETLINK_H

#include <net/genetlink.h>

int reflect_netlink_register(void);
void reflect_netlink_unregister(void);

extern struct genl_family reflect_netlink_family;

#endif /* _REFLECT_NETLINK_H */
