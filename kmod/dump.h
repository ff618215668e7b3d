/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Replies and dumps of the generic netlink family REFLECT (dump.c): the
 * counter sets, entries, and the dumps of interfaces, entries, local
 * addresses, scopes and named next hops.
 */
#ifndef _REFLECT_DUMP_H
#define _REFLECT_DUMP_H

#include <net/genetlink.h>

struct reflect_entry;
struct reflect_net;
struct reflect_stats;

size_t reflect_dump_stats_size(void);
int reflect_dump_stats(struct sk_buff *msg,
		       struct reflect_stats __percpu *stats,
		       const struct reflect_net *rn);
size_t reflect_dump_entry_size(void);
int reflect_dump_entry(struct sk_buff *msg, struct reflect_net *rn,
		       const struct reflect_entry *e);
int reflect_dump_ifaces(struct sk_buff *skb, struct netlink_callback *cb);
int reflect_dump_entries(struct sk_buff *skb, struct netlink_callback *cb);
int reflect_dump_locals(struct sk_buff *skb, struct netlink_callback *cb);
int reflect_dump_scopes(struct sk_buff *skb, struct netlink_callback *cb);
int reflect_dump_nexthops(struct sk_buff *skb, struct netlink_callback *cb);

#endif /* _REFLECT_DUMP_H */
