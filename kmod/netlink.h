/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The generic netlink family REFLECT, documented in uapi/reflect.h:
 * netlink.c parses requests and runs commands, dump.c writes replies.
 */
#ifndef _REFLECT_NETLINK_H
#define _REFLECT_NETLINK_H

#include <net/genetlink.h>

#include "table.h"
#include "uapi/reflect.h"

struct reflect_net;
struct reflect_stats;

int reflect_netlink_register(void);
void reflect_netlink_unregister(void);

/* Attributes user space may not send, with a message that says so. */
#define REFLECT_KERNEL_ONLY(attr) {					\
	.type = NLA_REJECT,						\
	.reject_message = #attr " is only sent by the kernel",		\
}

extern struct genl_family reflect_netlink_family;

/* The entry filters of GET_ENTRY and FLUSH (uapi/reflect.h). */
struct reflect_entry_filter {
	int ifindex;			/* 0: any */
	u8 family;			/* AF_UNSPEC: any */
	u8 peer_len;			/* with has_peer */
	bool has_local;
	bool has_peer;
	u32 flags;			/* entries with all of these */
	union reflect_addr local;
	union reflect_addr peer;
};

int reflect_netlink_parse_filter(struct nlattr **attrs,
				 struct reflect_entry_filter *f,
				 struct netlink_ext_ack *extack);
bool reflect_filter_match(const struct reflect_entry_filter *f,
			  const struct reflect_entry *e);

int reflect_netlink_only_attrs(struct nlattr **attrs, unsigned long allowed,
			       struct netlink_ext_ack *extack);
int reflect_netlink_parse_addr(const struct nlattr *fam,
			       const struct nlattr *nla, u8 *family,
			       union reflect_addr *addr,
			       struct netlink_ext_ack *extack);

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

#endif /* _REFLECT_NETLINK_H */
