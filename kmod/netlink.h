/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The generic netlink family REFLECT, documented in uapi/reflect.h.
 */
#ifndef _REFLECT_NETLINK_H
#define _REFLECT_NETLINK_H

int reflect_netlink_register(void);
void reflect_netlink_unregister(void);

#endif /* _REFLECT_NETLINK_H */
