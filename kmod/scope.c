// SPDX-License-Identifier: GPL-2.0
/*
 * Scope: which local addresses reflection learns for. An address is in
 * scope when no INCLUDE prefix exists (of either family) or one contains
 * it, and no EXCLUDE prefix contains it: an EXCLUDE keeps, say, an LVS-DR
 * VIP out while the rest of the host is reflected.
 *
 * The list is short (REFLECT_SCOPES_MAX) and read only when a packet would
 * create or move an entry, never on the refresh fast path.
 */
#include <linux/inetdevice.h>
#include <linux/slab.h>
#include <net/ipv6.h>

#include "reflect.h"
#include "uapi/reflect.h"

void reflect_scopes_init(struct reflect_scopes *scopes)
{
	INIT_LIST_HEAD(&scopes->list);
	scopes->count = 0;
}

/* Namespace exit: nothing reads the list any more. */
void reflect_scopes_destroy(struct reflect_scopes *scopes)
{
	struct reflect_scope *s, *tmp;

	list_for_each_entry_safe(s, tmp, &scopes->list, list) {
		list_del(&s->list);
		kfree(s);
	}
	scopes->count = 0;
}

static bool contains(const struct reflect_scope *s, u8 family,
		     const union reflect_addr *addr)
{
	return s->family == family &&
	       reflect_addr_in_prefix(family, addr, &s->addr, s->prefixlen);
}

/* Under RCU or the config lock. */
bool reflect_scope_allows(const struct reflect_scopes *scopes, u8 family,
			  const union reflect_addr *addr)
{
	bool has_include = false, included = false;
	struct reflect_scope *s;

	list_for_each_entry_rcu(s, &scopes->list, list, true) {
		bool in = contains(s, family, addr);

		if (s->action == REFLECT_SCOPE_EXCLUDE && in)
			return false;
		if (s->action == REFLECT_SCOPE_INCLUDE) {
			has_include = true;
			included |= in;
		}
	}
	return !has_include || included;
}

static struct reflect_scope *find(struct reflect_scopes *scopes,
				  const struct reflect_scope *s)
{
	struct reflect_scope *i;

	list_for_each_entry(i, &scopes->list, list) {
		if (i->family == s->family && i->prefixlen == s->prefixlen &&
		    ipv6_addr_equal(&i->addr.ip6, &s->addr.ip6))
			return i;
	}
	return NULL;
}

static bool out_of_scope(const struct reflect_entry *e, const void *scopes)
{
	return !reflect_scope_allows(scopes, e->key.family, &e->key.local);
}

/*
 * Entries learned while the scope was wider must go with the change;
 * those still in scope stay.
 */
static void apply(struct reflect_net *rn)
{
	/* A learner that reads the new generation must see the new list. */
	smp_mb__before_atomic();
	atomic_inc(&rn->config_gen);
	reflect_table_remove_if(rn, out_of_scope, &rn->scopes);
}

/*
 * @s has been validated by netlink.c: a known family and action, a prefix
 * length that fits the family, no host bits, and unused address bytes
 * zero (so that the IPv6 comparison in find() serves both families).
 */
int reflect_scope_add(struct reflect_net *rn, const struct reflect_scope *s,
		      struct netlink_ext_ack *extack)
{
	struct reflect_scope *n;

	lockdep_assert_held(&rn->config_lock);
	if (find(&rn->scopes, s)) {
		NL_SET_ERR_MSG(extack, "this prefix is already in the scope");
		return -EEXIST;
	}
	if (rn->scopes.count >= REFLECT_SCOPES_MAX) {
		NL_SET_ERR_MSG(extack, "too many scope prefixes");
		return -ENOSPC;
	}
	n = kmemdup(s, sizeof(*s), GFP_KERNEL_ACCOUNT);
	if (!n)
		return -ENOMEM;
	list_add_tail_rcu(&n->list, &rn->scopes.list);
	rn->scopes.count++;
	apply(rn);
	return 0;
}

int reflect_scope_del(struct reflect_net *rn, const struct reflect_scope *s,
		      bool match_action, struct netlink_ext_ack *extack)
{
	struct reflect_scope *old;

	lockdep_assert_held(&rn->config_lock);
	old = find(&rn->scopes, s);
	if (!old || (match_action && old->action != s->action)) {
		NL_SET_ERR_MSG(extack, "no such prefix in the scope");
		return -ENOENT;
	}
	list_del_rcu(&old->list);
	rn->scopes.count--;
	kfree_rcu(old, rcu);
	apply(rn);
	return 0;
}
