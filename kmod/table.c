// SPDX-License-Identifier: GPL-2.0
/*
 * The learned next hops of one namespace: an RCU hash table.
 *
 * Readers (both hooks, dumps) walk a bucket under RCU without any lock.
 * Writers take the bucket's striped lock (table.h says why striped).
 * Entries are freed with call_rcu(); module unload waits for the
 * callbacks with rcu_barrier() before the cache goes.
 *
 * The table is bounded by max_entries: a new peer beyond it may only take
 * the place of an entry idle for evict_idle seconds found near its own
 * bucket (conntrack's early_drop is the model), so a flood of new peers
 * cannot push out the peers that carry traffic. It is aged by an
 * incremental garbage collector, a delayed work that scans a slice of the
 * buckets per run (conntrack's gc_worker is the model).
 */
#include <linux/etherdevice.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/jhash.h>
#include <linux/log2.h>
#include <linux/memcontrol.h>
#include <linux/netlink.h>
#include <linux/random.h>
#include <linux/rtnetlink.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/l3mdev.h>

#include "reflect.h"
#include "uapi/reflect.h"

/* Buckets: a quarter of max_entries, so about four entries per chain. */
#define BUCKETS_MIN		64
#define BUCKETS_MAX		BIT(20)
/* A full garbage collection pass takes GC_RUNS runs, GC_INTERVAL apart. */
#define GC_INTERVAL		HZ
#define GC_RUNS			10
/* How many buckets, starting at its own, a new peer looks at to evict. */
#define EVICT_RANGE		8

static struct kmem_cache *entry_cache __read_mostly;

int __init reflect_table_module_init(void)
{
	BUILD_BUG_ON(sizeof(struct reflect_key) % sizeof(u32));
	/* The size the entry layout is designed for: see table.h. */
	BUILD_BUG_ON(sizeof(struct reflect_entry) > 128);
	/* Every entry is charged to a memory cgroup (reflect_charge_begin()). */
	entry_cache = KMEM_CACHE(reflect_entry, SLAB_ACCOUNT);
	return entry_cache ? 0 : -ENOMEM;
}

/* After rcu_barrier(): no entry is still waiting for its grace period. */
void reflect_table_module_exit(void)
{
	kmem_cache_destroy(entry_cache);
}

static void entry_free_rcu(struct rcu_head *rcu)
{
	kmem_cache_free(entry_cache,
			container_of(rcu, struct reflect_entry, rcu));
}

static unsigned int bucket_of(const struct reflect_buckets *b,
			      const struct reflect_key *key)
{
	return jhash2((const u32 *)key, sizeof(*key) / sizeof(u32), b->seed) &
	       b->mask;
}

static spinlock_t *lock_of(struct reflect_buckets *b, unsigned int bucket)
{
	return &b->locks[bucket % REFLECT_TABLE_LOCKS];
}

/*
 * The bucket array, once allocated, never changes while the namespace
 * lives, so writers need no RCU protection to use it; NULL before.
 */
static struct reflect_buckets *buckets(struct reflect_net *rn)
{
	return rcu_dereference_protected(rn->table.buckets, true);
}

/*
 * Fills @key from an IP packet at its network header. @family (AF_INET or
 * AF_INET6) is the hook's, never the packet's version nibble: a raw socket
 * with IP_HDRINCL or IPV6_HDRINCL sends whatever first byte it likes, and
 * the caller has checked that the header of @family is there. @ingress: the packet
 * comes to this host (LOCAL_IN), so the local address is its
 * destination; otherwise it leaves it (LOCAL_OUT). @flow: key on protocol
 * and ports too where the protocol has ports and the packet shows them
 * (not a later fragment); other packets get the peer key.
 */
/*
 * The offset of the transport header of an IP packet of @family at its
 * network header, and its protocol in *@proto; -1 when the packet shows no
 * transport header (an IPv4 fragment, a later IPv6 fragment).
 */
int reflect_transport_offset(const struct sk_buff *skb, u8 family, u8 *proto)
{
	__be16 frag_off;
	int thoff;

	if (family == AF_INET) {
		const struct iphdr *iph = ip_hdr(skb);

		if (ip_is_fragment(iph))
			return -1;
		*proto = iph->protocol;
		return skb_network_offset(skb) + iph->ihl * 4;
	}
	*proto = ipv6_hdr(skb)->nexthdr;
	thoff = ipv6_skip_exthdr(skb, skb_network_offset(skb) +
				 sizeof(struct ipv6hdr), proto, &frag_off);
	return thoff < 0 || (frag_off & htons(~0x7)) ? -1 : thoff;
}

void reflect_key_from_skb(struct reflect_key *key, const struct sk_buff *skb,
			  u8 family, bool ingress, bool flow)
{
	__be16 _ports[2];
	const __be16 *ports;
	int thoff;
	u8 proto;

	memset(key, 0, sizeof(*key));
	key->family = family;
	if (family == AF_INET) {
		const struct iphdr *iph = ip_hdr(skb);

		key->local.ip = ingress ? iph->daddr : iph->saddr;
		key->peer.ip = ingress ? iph->saddr : iph->daddr;
	} else {
		const struct ipv6hdr *ip6h = ipv6_hdr(skb);

		key->local.ip6 = ingress ? ip6h->daddr : ip6h->saddr;
		key->peer.ip6 = ingress ? ip6h->saddr : ip6h->daddr;
	}
	if (!flow)
		return;
	thoff = reflect_transport_offset(skb, family, &proto);
	if (thoff < 0 || !reflect_proto_has_ports(proto))
		return;
	ports = skb_header_pointer(skb, thoff, sizeof(_ports), _ports);
	if (!ports)
		return;
	key->proto = proto;
	key->local_port = ingress ? ports[1] : ports[0];
	key->peer_port = ingress ? ports[0] : ports[1];
}

/*
 * Under RCU or RTNL: the domain of @key (see struct reflect_key) for a
 * packet to or from @peer through @dev.
 */
int reflect_key_domain(u8 family, const union reflect_addr *peer,
		       const struct net_device *dev)
{
	if (family == AF_INET6 &&
	    ipv6_addr_type(&peer->ip6) & IPV6_ADDR_LINKLOCAL)
		return dev->ifindex;
	return l3mdev_master_ifindex_rcu(dev);
}

/* Under RCU: the entry for @key, or NULL. */
struct reflect_entry *reflect_table_lookup(struct reflect_net *rn,
					   const struct reflect_key *key)
{
	struct reflect_buckets *b = rcu_dereference(rn->table.buckets);
	struct reflect_entry *e;

	if (!b)
		return NULL;
	hlist_for_each_entry_rcu(e, &b->heads[bucket_of(b, key)], node) {
		if (!memcmp(&e->key, key, sizeof(*key)))
			return e;
	}
	return NULL;
}

/*
 * Under the entry's bucket lock. Counts @why at every level unless it is
 * REFLECT_STAT_NONE (a flush, which is no event of the entry's own).
 */
static void unlink_entry(struct reflect_net *rn, struct reflect_entry *e,
			 enum reflect_stat why)
{
	if (why == REFLECT_STAT_EXPIRED)
		reflect_event(rn, REFLECT_EVENT_EXPIRE, e);
	else if (why == REFLECT_STAT_EVICTED)
		reflect_event(rn, REFLECT_EVENT_EVICT, e);
	WRITE_ONCE(e->flags, e->flags | REFLECT_ENTRY_F_DEAD);
	hlist_del_rcu(&e->node);
	atomic_dec(&rn->table.count);
	atomic_inc(&rn->table.generation);
	if (why != REFLECT_STAT_NONE)
		reflect_count(rn, e->iface, e->local, why, 1);
	reflect_local_put(&rn->locals, e->local);
	call_rcu(&e->rcu, entry_free_rcu);
}

static bool idle_at_least(const struct reflect_entry *e, u32 timeout)
{
	return !(e->flags & REFLECT_ENTRY_F_STATIC) &&
	       reflect_entry_idle(e) >= timeout;
}

/*
 * Makes room for a new entry in @bucket's neighbourhood by evicting one
 * entry that has carried no learned packet for evict_idle seconds.
 */
static bool evict_near(struct reflect_net *rn, struct reflect_buckets *b,
		       unsigned int bucket)
{
	u32 min_idle = READ_ONCE(rn->config.evict_idle) * HZ;
	struct reflect_entry *e;
	unsigned int i, n;

	for (i = 0; i < EVICT_RANGE; i++) {
		n = (bucket + i) & b->mask;
		spin_lock_bh(lock_of(b, n));
		hlist_for_each_entry(e, &b->heads[n], node) {
			if (idle_at_least(e, min_idle)) {
				unlink_entry(rn, e, REFLECT_STAT_EVICTED);
				spin_unlock_bh(lock_of(b, n));
				return true;
			}
		}
		spin_unlock_bh(lock_of(b, n));
	}
	return false;
}

static struct reflect_entry *find_locked(struct reflect_buckets *b,
					 unsigned int bucket,
					 const struct reflect_key *key)
{
	struct reflect_entry *e;

	hlist_for_each_entry(e, &b->heads[bucket], node) {
		if (!memcmp(&e->key, key, sizeof(*key)))
			return e;
	}
	return NULL;
}

/*
 * Reserves a place for one more entry near @bucket: concurrent callers
 * may each overshoot the limit by one, but each then evicts or backs out,
 * so the limit holds. False when the table is full and nothing may go.
 */
static bool reserve_slot(struct reflect_net *rn, struct reflect_buckets *b,
			 unsigned int bucket)
{
	if (atomic_inc_return(&rn->table.count) <=
	    READ_ONCE(rn->config.max_entries) || evict_near(rn, b, bucket))
		return true;
	atomic_dec(&rn->table.count);
	return false;
}

/*
 * Learning allocates in softirq, where slab accounting charges only the
 * CPU's active memory cgroup (in process context, netlink's requests are
 * charged to the requesting process as usual): reflect_charge_begin()
 * points it at the namespace's until reflect_charge_end(). Without
 * REFLECT_HAVE_SOFTIRQ_MEMCG learned entries go uncharged.
 */
struct mem_cgroup *reflect_charge_begin(struct reflect_net *rn)
{
#ifdef REFLECT_HAVE_SOFTIRQ_MEMCG
	if (!in_task())
		return set_active_memcg(rn->memcg);
#endif
	return NULL;
}

void reflect_charge_end(struct mem_cgroup *old)
{
#ifdef REFLECT_HAVE_SOFTIRQ_MEMCG
	if (!in_task())
		set_active_memcg(old);
#endif
}

static struct reflect_entry *new_entry(struct reflect_net *rn,
				       const struct reflect_key *key,
				       struct reflect_iface *iface,
				       const u8 *lladdr, gfp_t gfp)
{
	struct reflect_entry *e = kmem_cache_zalloc(entry_cache, gfp);

	if (!e)
		return NULL;
	e->key = *key;
	ether_addr_copy(e->lladdr, lladdr);
	e->iface = iface;
	e->last_seen = reflect_now();
	/* Creation counts as a move for the min_move_ms limit. */
	e->last_move = e->last_seen;
	e->local = reflect_local_get(&rn->locals, key->family, &key->local);
	return e;
}

static void free_new_entry(struct reflect_net *rn, struct reflect_entry *e)
{
	reflect_local_put(&rn->locals, e->local);
	kmem_cache_free(entry_cache, e);
}

/*
 * Under RCU: learns a new peer (learn.c has checked the packet). Counts
 * LEARNED, or TABLE_FULL when the table is full and nothing may be
 * evicted for it.
 */
int reflect_table_insert(struct reflect_net *rn, const struct reflect_key *key,
			 struct reflect_iface *iface, const u8 *lladdr,
			 int config_gen)
{
	struct reflect_buckets *b = rcu_dereference(rn->table.buckets);
	struct reflect_table *t = &rn->table;
	struct mem_cgroup *memcg;
	struct reflect_entry *e;
	unsigned int bucket;
	int err;

	/*
	 * The buckets were published before the interface that let the
	 * caller get here, but nothing orders this load after that one.
	 */
	if (!b)
		return -ENOENT;
	bucket = bucket_of(b, key);

	/*
	 * On a full table, room for a peer another CPU has learned meanwhile
	 * would evict for nothing: only then is the key looked up again
	 * under its lock before room is made.
	 */
	if (atomic_read(&t->count) >= READ_ONCE(rn->config.max_entries)) {
		spin_lock_bh(lock_of(b, bucket));
		e = find_locked(b, bucket, key);
		spin_unlock_bh(lock_of(b, bucket));
		if (e)
			return -EEXIST;
	}
	if (!reserve_slot(rn, b, bucket)) {
		reflect_count(rn, iface, NULL, REFLECT_STAT_TABLE_FULL, 1);
		return -ENOSPC;
	}
	memcg = reflect_charge_begin(rn);
	e = new_entry(rn, key, iface, lladdr, GFP_ATOMIC);
	reflect_charge_end(memcg);
	if (!e) {
		err = -ENOMEM;
		goto err_unreserve;
	}

	spin_lock_bh(lock_of(b, bucket));
	/*
	 * Another CPU may have learned the same peer meanwhile, or the
	 * interface may have been disabled: reflect_iface_del() marks it
	 * dead before flushing its entries, so checking under the bucket
	 * lock guarantees the flush sees what is inserted here. The same
	 * holds for a scope change after the caller checked the scope: it
	 * bumps config_gen before removing what is out of scope, bucket by
	 * bucket under these locks.
	 */
	if (READ_ONCE(iface->dead) || atomic_read(&rn->config_gen) != config_gen ||
	    find_locked(b, bucket, key)) {
		spin_unlock_bh(lock_of(b, bucket));
		free_new_entry(rn, e);
		err = -EEXIST;
		goto err_unreserve;
	}
	hlist_add_head_rcu(&e->node, &b->heads[bucket]);
	atomic_inc(&t->generation);
	spin_unlock_bh(lock_of(b, bucket));

	reflect_count(rn, iface, e->local, REFLECT_STAT_LEARNED, 1);
	/* Still ours to read: the caller holds RCU. */
	reflect_event(rn, REFLECT_EVENT_LEARN, e);
	return 0;

err_unreserve:
	atomic_dec(&t->count);
	return err;
}

/* Locks @e's bucket (spin_lock_bh); the caller unlocks the result. */
spinlock_t *reflect_table_lock(struct reflect_net *rn,
			       const struct reflect_entry *e)
{
	struct reflect_buckets *b = buckets(rn);
	spinlock_t *lock = lock_of(b, bucket_of(b, &e->key));

	spin_lock_bh(lock);
	return lock;
}

/*
 * Under @old's bucket lock: puts @n in @old's place, so that lock-free
 * readers see one or the other, never neither; @old is freed after a grace
 * period. References @old holds (its local address) are the caller's.
 */
static void replace_entry(struct reflect_net *rn, struct reflect_entry *old,
			  struct reflect_entry *n)
{
	hlist_replace_rcu(&old->node, &n->node);
	WRITE_ONCE(old->flags, old->flags | REFLECT_ENTRY_F_DEAD);
	atomic_inc(&rn->table.generation);
	call_rcu(&old->rcu, entry_free_rcu);
}

/*
 * Under reflect_table_lock(): moves @e to a new next hop by replacing it
 * with a copy, so that lock-free readers see either the old or the new
 * next hop, never a mix. @e must not be used afterwards. Counts MOVED.
 */
int reflect_table_move(struct reflect_net *rn, struct reflect_entry *e,
		       struct reflect_iface *iface, const u8 *lladdr,
		       bool give_back)
{
	struct mem_cgroup *memcg;
	struct reflect_entry *n;

	if (READ_ONCE(iface->dead))
		return -ENODEV;
	memcg = reflect_charge_begin(rn);
	n = kmem_cache_alloc(entry_cache, GFP_ATOMIC);
	reflect_charge_end(memcg);
	if (!n)
		return -ENOMEM;

	*n = *e;
	memset(&n->cand, 0, sizeof(n->cand));
	n->flags &= ~(REFLECT_ENTRY_F_CANDIDATE | REFLECT_ENTRY_F_RETURN);
	/* @give_back: the next hop moved away from may take the entry back. */
	if (give_back) {
		n->cand.ifindex = e->iface->ifindex;
		ether_addr_copy(n->cand.lladdr, e->lladdr);
		n->cand.since = reflect_now();
		n->flags |= REFLECT_ENTRY_F_CANDIDATE | REFLECT_ENTRY_F_RETURN;
	}
	n->iface = iface;
	ether_addr_copy(n->lladdr, lladdr);
	n->last_seen = reflect_now();
	n->last_move = n->last_seen;
	n->moves = reflect_inc_saturating(n->moves);

	/* The copy takes over the reference on the local address. */
	replace_entry(rn, e, n);

	reflect_count(rn, iface, n->local, REFLECT_STAT_MOVED, 1);
	reflect_event(rn, REFLECT_EVENT_MOVE, n);
	return 0;
}

/*
 * Under RTNL (so @iface stays), from netlink: adds an entry, or with
 * @replace replaces the next hop and flags of an existing one (its
 * counters stay). An entry without REFLECT_ENTRY_F_STATIC is as if just
 * learned. No event, no LEARNED count: this is no learning.
 */
int reflect_table_add(struct reflect_net *rn, const struct reflect_key *key,
		      struct reflect_iface *iface, const u8 *lladdr, u8 flags,
		      bool replace, struct netlink_ext_ack *extack)
{
	struct reflect_buckets *b = buckets(rn);
	struct reflect_entry *e, *old;
	unsigned int bucket;
	bool reserved = false;
	int err = 0;

	if (!b)
		return -ENOENT;
	bucket = bucket_of(b, key);
	e = new_entry(rn, key, iface, lladdr, GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	e->flags = flags;

	spin_lock_bh(lock_of(b, bucket));
	old = find_locked(b, bucket, key);
	if (!old) {
		/*
		 * Only a new key needs room, which may evict an idle entry:
		 * a duplicate or a replacement never does. A peer learned
		 * while the lock was dropped makes this a replacement after
		 * all (or EEXIST), with the room given back.
		 */
		spin_unlock_bh(lock_of(b, bucket));
		reserved = reserve_slot(rn, b, bucket);
		spin_lock_bh(lock_of(b, bucket));
		old = find_locked(b, bucket, key);
	}
	if (old && !replace) {
		NL_SET_ERR_MSG(extack, "this key has an entry (REFLECT_A_REPLACE replaces it)");
		err = -EEXIST;
	} else if (!old && !reserved) {
		NL_SET_ERR_MSG(extack, "the table is full and no entry is idle enough to evict");
		err = -ENOSPC;
	} else if (READ_ONCE(iface->dead)) {
		err = -ENODEV;
	} else if (old) {
		e->moves = reflect_same_next_hop(old, iface, lladdr) ?
			   old->moves : reflect_inc_saturating(old->moves);
		e->flaps = old->flaps;
		atomic64_set(&e->packets, atomic64_read(&old->packets));
		/* @e holds its own reference on the local address. */
		reflect_local_put(&rn->locals, old->local);
		replace_entry(rn, old, e);
	} else {
		hlist_add_head_rcu(&e->node, &b->heads[bucket]);
		atomic_inc(&rn->table.generation);
		reserved = false;
	}
	spin_unlock_bh(lock_of(b, bucket));

	if (reserved)
		atomic_dec(&rn->table.count);
	if (err)
		free_new_entry(rn, e);
	return err;
}

/* From netlink: removes the entry of @key (no EXPIRED or EVICTED count). */
int reflect_table_del(struct reflect_net *rn, const struct reflect_key *key)
{
	struct reflect_buckets *b = buckets(rn);
	struct reflect_entry *e;
	unsigned int bucket;

	if (!b)
		return -ENOENT;
	bucket = bucket_of(b, key);
	spin_lock_bh(lock_of(b, bucket));
	e = find_locked(b, bucket, key);
	if (e)
		unlink_entry(rn, e, REFLECT_STAT_NONE);
	spin_unlock_bh(lock_of(b, bucket));
	return e ? 0 : -ENOENT;
}

/* Unlinks, without counting, every entry @match accepts. */
unsigned int reflect_table_remove_if(struct reflect_net *rn,
				     bool (*match)(const struct reflect_entry *e,
						   const void *arg),
				     const void *arg)
{
	struct reflect_buckets *b = buckets(rn);
	struct reflect_entry *e;
	struct hlist_node *tmp;
	unsigned int i, removed = 0;

	if (!b)
		return 0;
	for (i = 0; i <= b->mask; i++) {
		spin_lock_bh(lock_of(b, i));
		hlist_for_each_entry_safe(e, tmp, &b->heads[i], node) {
			if (match(e, arg)) {
				unlink_entry(rn, e, REFLECT_STAT_NONE);
				removed++;
			}
		}
		spin_unlock_bh(lock_of(b, i));
		cond_resched();
	}
	return removed;
}

static void gc_work(struct work_struct *work)
{
	struct reflect_table *t = container_of(to_delayed_work(work),
					       struct reflect_table, gc);
	struct reflect_net *rn = container_of(t, struct reflect_net, table);
	u32 timeout = READ_ONCE(rn->config.idle_timeout) * HZ;
	struct reflect_buckets *b = buckets(rn);
	unsigned int i, n, slice = max((b->mask + 1) / GC_RUNS, 1U);
	struct reflect_entry *e;
	struct hlist_node *tmp;

	for (i = 0; i < slice; i++) {
		n = (t->gc_next + i) & b->mask;
		spin_lock_bh(lock_of(b, n));
		hlist_for_each_entry_safe(e, tmp, &b->heads[n], node) {
			if (idle_at_least(e, timeout + 1))
				unlink_entry(rn, e, REFLECT_STAT_EXPIRED);
		}
		spin_unlock_bh(lock_of(b, n));
		cond_resched();
	}
	t->gc_next = (t->gc_next + slice) & b->mask;
	queue_delayed_work(system_power_efficient_wq, &t->gc, GC_INTERVAL);
}

void reflect_table_init(struct reflect_net *rn)
{
	struct reflect_table *t = &rn->table;

	RCU_INIT_POINTER(t->buckets, NULL);
	atomic_set(&t->count, 0);
	/* Never 0: netlink takes a zero sequence for "not checked yet". */
	atomic_set(&t->generation, 1);
	t->gc_next = 0;
	INIT_DEFERRABLE_WORK(&t->gc, gc_work);
}

/*
 * Under RTNL, when the namespace enables its first interface: allocates
 * the buckets, sized from the max_entries of that moment (a later change
 * of max_entries changes the limit, not the bucket count).
 */
int reflect_table_enable(struct reflect_net *rn)
{
	struct reflect_table *t = &rn->table;
	struct reflect_buckets *b;
	unsigned int n, i;

	ASSERT_RTNL();
	if (rtnl_dereference(t->buckets))
		return 0;

	n = READ_ONCE(rn->config.max_entries) / 4;
	n = roundup_pow_of_two(clamp_t(unsigned int, n, BUCKETS_MIN, BUCKETS_MAX));
	b = kvzalloc(struct_size(b, heads, n), GFP_KERNEL_ACCOUNT);
	if (!b)
		return -ENOMEM;
	b->mask = n - 1;
	b->seed = get_random_u32();
	for (i = 0; i < REFLECT_TABLE_LOCKS; i++)
		spin_lock_init(&b->locks[i]);

#ifdef REFLECT_HAVE_SOFTIRQ_MEMCG
	/* The enabling process's: learned entries are charged to it. */
	rn->memcg = get_mem_cgroup_from_mm(current->mm);
#endif
	rcu_assign_pointer(t->buckets, b);
	queue_delayed_work(system_power_efficient_wq, &t->gc, GC_INTERVAL);
	return 0;
}

static bool learned_on(const struct reflect_entry *e, const void *ifindex)
{
	int want = *(const int *)ifindex;

	return !want || e->iface->ifindex == want;
}

/* Drops the entries learned on @ifindex, or all of them for 0. */
unsigned int reflect_table_flush(struct reflect_net *rn, int ifindex)
{
	return reflect_table_remove_if(rn, learned_on, &ifindex);
}

/*
 * Namespace exit: the hooks are gone and an RCU grace period has passed,
 * so nothing reads the table any more.
 */
void reflect_table_destroy(struct reflect_net *rn)
{
	cancel_delayed_work_sync(&rn->table.gc);
	reflect_table_flush(rn, 0);
	kvfree(rcu_dereference_protected(rn->table.buckets, true));
#ifdef REFLECT_HAVE_SOFTIRQ_MEMCG
	mem_cgroup_put(rn->memcg);
#endif
}
