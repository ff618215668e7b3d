/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Counters per local address: one object for each address of this host
 * that at least one entry was learned for.
 */
#ifndef _REFLECT_LOCAL_H
#define _REFLECT_LOCAL_H

#include <linux/rculist.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>

#include "table.h"

/*
 * Enough for every address of a large appliance; beyond it, entries are
 * still learned, only without per-address counters.
 */
#define REFLECT_LOCALS_MAX	4096
#define REFLECT_LOCAL_BUCKETS	64

struct reflect_local {
	struct hlist_node node;
	struct rcu_head rcu;
	struct reflect_stats __percpu *stats;
	union reflect_addr addr;
	u8 family;
	refcount_t refs;	/* entries pointing here */
};

struct reflect_locals {
	spinlock_t lock;	/* creating and freeing; nests in bucket locks */
	unsigned int count;
	struct hlist_head heads[REFLECT_LOCAL_BUCKETS];
};

void reflect_locals_init(struct reflect_locals *locals);
struct reflect_local *reflect_local_get(struct reflect_locals *locals,
					u8 family,
					const union reflect_addr *addr);
void reflect_local_put(struct reflect_locals *locals,
		       struct reflect_local *local);

#endif /* _REFLECT_LOCAL_H */
