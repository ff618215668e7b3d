// SPDX-License-Identifier: GPL-2.0
/*
 * Per-local-address counters. An object is created when the first entry
 * for an address is learned and freed when its last entry goes (expired,
 * evicted, flushed): counters of an address nobody talks to any more are
 * not worth keeping, and the number of objects is bounded by the table
 * and by REFLECT_LOCALS_MAX.
 *
 * Lookups for dumps walk the lists under RCU; get and put take the lock,
 * which nests inside the table's bucket locks (put runs when an entry is
 * unlinked) and is only taken on the slow paths: a new entry, a removal.
 */
#include <linux/jhash.h>
#include <linux/slab.h>

#include "local.h"
#include "stats.h"

void reflect_locals_init(struct reflect_locals *locals)
{
	int i;

	spin_lock_init(&locals->lock);
	locals->count = 0;
	for (i = 0; i < REFLECT_LOCAL_BUCKETS; i++)
		INIT_HLIST_HEAD(&locals->heads[i]);
}

static struct hlist_head *bucket(struct reflect_locals *locals, u8 family,
				 const union reflect_addr *addr)
{
	u32 hash = jhash(addr, reflect_addr_len(family), family);

	return &locals->heads[hash % REFLECT_LOCAL_BUCKETS];
}

/*
 * Returns the address's object with one more reference, creating it on
 * first use, or NULL when there are too many or memory is short: the
 * caller learns the entry anyway, without per-address counters.
 */
struct reflect_local *reflect_local_get(struct reflect_locals *locals,
					u8 family,
					const union reflect_addr *addr)
{
	struct hlist_head *head = bucket(locals, family, addr);
	struct reflect_local *local;

	spin_lock_bh(&locals->lock);
	hlist_for_each_entry(local, head, node) {
		if (local->family == family &&
		    !memcmp(&local->addr, addr, reflect_addr_len(family)))
			goto found;
	}

	local = NULL;
	if (locals->count >= REFLECT_LOCALS_MAX)
		goto out;
	local = kzalloc(sizeof(*local), GFP_ATOMIC | __GFP_ACCOUNT);
	if (!local)
		goto out;
	local->stats = reflect_stats_alloc(GFP_ATOMIC | __GFP_ACCOUNT);
	if (!local->stats) {
		kfree(local);
		local = NULL;
		goto out;
	}
	local->family = family;
	memcpy(&local->addr, addr, reflect_addr_len(family));
	hlist_add_head_rcu(&local->node, head);
	locals->count++;
found:
	local->refs++;
out:
	spin_unlock_bh(&locals->lock);
	return local;
}

static void local_free_rcu(struct rcu_head *rcu)
{
	struct reflect_local *local = container_of(rcu, struct reflect_local,
						   rcu);

	reflect_stats_free(local->stats);
	kfree(local);
}

/*
 * Drops a reference; the last one unlinks the object, freed after a grace
 * period because LOCAL_OUT may still count through an entry it found.
 */
void reflect_local_put(struct reflect_locals *locals,
		       struct reflect_local *local)
{
	if (!local)
		return;

	spin_lock_bh(&locals->lock);
	if (--local->refs == 0) {
		hlist_del_rcu(&local->node);
		locals->count--;
		call_rcu(&local->rcu, local_free_rcu);
	}
	spin_unlock_bh(&locals->lock);
}
