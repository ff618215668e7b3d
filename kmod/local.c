// SPDX-License-Identifier: GPL-2.0
/*
 * Per-local-address counters. An object is created when the first entry
 * for an address is learned and freed when its last entry goes (expired,
 * evicted, flushed): counters of an address nobody talks to any more are
 * not worth keeping, and the number of objects is bounded by the table
 * and by REFLECT_LOCALS_MAX.
 *
 * Lookups walk the lists under RCU and take a reference with
 * refcount_inc_not_zero(), dropping one is refcount_dec_not_one(): a
 * flood of new peers for the same address touches only its refcount.
 * The lock is taken only to create an object and to free it (the last
 * reference), and nests inside the table's bucket locks (put runs when
 * an entry is unlinked). Under the lock every listed object holds a
 * reference: the last put unlinks it before releasing the lock.
 */
#include <linux/jhash.h>
#include <linux/refcount.h>
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

/* Under RCU or the lock. */
static struct reflect_local *find(struct reflect_locals *locals,
				  struct hlist_head *head, u8 family,
				  const union reflect_addr *addr)
{
	struct reflect_local *local;

	hlist_for_each_entry_rcu(local, head, node,
				 lockdep_is_held(&locals->lock)) {
		if (local->family == family &&
		    !memcmp(&local->addr, addr, reflect_addr_len(family)))
			return local;
	}
	return NULL;
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

	rcu_read_lock();
	local = find(locals, head, family, addr);
	if (local && !refcount_inc_not_zero(&local->refs))
		local = NULL;	/* its last entry is going: make another */
	rcu_read_unlock();
	if (local)
		return local;

	spin_lock_bh(&locals->lock);
	local = find(locals, head, family, addr);
	if (local) {
		refcount_inc(&local->refs);
		goto out;
	}
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
	refcount_set(&local->refs, 1);
	hlist_add_head_rcu(&local->node, head);
	locals->count++;
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

	/* Callers run in softirq and process context: the lock is BH-safe. */
	local_bh_disable();
	if (refcount_dec_and_lock(&local->refs, &locals->lock)) {
		hlist_del_rcu(&local->node);
		locals->count--;
		spin_unlock(&locals->lock);
		call_rcu(&local->rcu, local_free_rcu);
	}
	local_bh_enable();
}
