/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Request parsing for the generic netlink family REFLECT (request.c):
 * what netlink.c's commands and dump.c's dumps are given.
 */
#ifndef _REFLECT_REQUEST_H
#define _REFLECT_REQUEST_H

#include <net/genetlink.h>

#include "table.h"
#include "uapi/reflect.h"

struct reflect_net;
struct reflect_router;
struct reflect_scope;

/* Attributes user space may not send, with a message that says so. */
#define REFLECT_KERNEL_ONLY(attr) {					\
	.type = NLA_REJECT,						\
	.reject_message = #attr " is only sent by the kernel",		\
}

/* The family-level policy; the nested ones are request.c's own. */
extern const struct nla_policy reflect_policy[REFLECT_A_MAX + 1];

/* The attributes of an entry's key, in REFLECT_A_ENTRY. */
#define REFLECT_KEY_ATTRS (BIT(REFLECT_ENTRY_A_FAMILY) |		\
			   BIT(REFLECT_ENTRY_A_LOCAL) |			\
			   BIT(REFLECT_ENTRY_A_PEER) |			\
			   BIT(REFLECT_ENTRY_A_PROTO) |			\
			   BIT(REFLECT_ENTRY_A_LOCAL_PORT) |		\
			   BIT(REFLECT_ENTRY_A_PEER_PORT))

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

int reflect_request_only_attrs(struct nlattr **attrs, unsigned long allowed,
			       struct netlink_ext_ack *extack);
int reflect_request_parse_addr(const struct nlattr *fam,
			       const struct nlattr *nla, u8 *family,
			       union reflect_addr *addr,
			       struct netlink_ext_ack *extack);
int reflect_request_parse_filter(struct nlattr **attrs,
				 struct reflect_entry_filter *f,
				 struct netlink_ext_ack *extack);
bool reflect_filter_match(const struct reflect_entry_filter *f,
			  const struct reflect_entry *e);
int reflect_request_parse_config(struct genl_info *info, struct nlattr **tb);
int reflect_request_parse_entry(struct genl_info *info, struct nlattr **tb,
				unsigned long top, unsigned long allowed);
int reflect_request_parse_key(struct reflect_net *rn, struct nlattr **tb,
			      struct nlattr *nest, struct reflect_key *key,
			      struct netlink_ext_ack *extack);
int reflect_request_parse_scope(struct genl_info *info,
				struct reflect_scope *s, bool need_action,
				bool *has_action);
int reflect_request_parse_nexthop(struct genl_info *info,
				  struct reflect_router *r);

#endif /* _REFLECT_REQUEST_H */
