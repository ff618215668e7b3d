/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The prefixes that decide which local addresses are learned.
 */
#ifndef _REFLECT_SCOPE_H
#define _REFLECT_SCOPE_H

#include <linux/rculist.h>

#include "table.h"

#define REFLECT_SCOPES_MAX	256

struct netlink_ext_ack;
struct reflect_net;

struct reflect_scope {
	struct list_head list;
	struct rcu_head rcu;
	union reflect_addr addr;
	u8 family;
	u8 prefixlen;
	u8 action;	/* enum reflect_scope_action */
};

/* Changed under reflect_net.config_lock, read under RCU. */
struct reflect_scopes {
	struct list_head list;
	unsigned int count;
};

void reflect_scopes_init(struct reflect_scopes *scopes);
void reflect_scopes_destroy(struct reflect_scopes *scopes);
bool reflect_scope_allows(const struct reflect_scopes *scopes, u8 family,
			  const union reflect_addr *addr);
int reflect_scope_add(struct reflect_net *rn, const struct reflect_scope *s,
		      struct netlink_ext_ack *extack);
int reflect_scope_del(struct reflect_net *rn, const struct reflect_scope *s,
		      bool match_action, struct netlink_ext_ack *extack);

#endif /* _REFLECT_SCOPE_H */
