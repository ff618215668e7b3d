/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The table of learned next hops of one network namespace.
 */
#ifndef _REFLECT_TABLE_H
#define _REFLECT_TABLE_H

#include <linux/bits.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/inetdevice.h>
#include <linux/jiffies.h>
#include <linux/rculist.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <net/ipv6.h>

struct reflect_net;
struct reflect_iface;
struct reflect_local;
struct sk_buff;
struct netlink_ext_ack;
struct net_device;

union reflect_addr {
	__be32 ip;
	struct in6_addr ip6;
};

static inline unsigned int reflect_addr_len(u8 family)
{
	return family == AF_INET ? sizeof(__be32) : sizeof(struct in6_addr);
}

/* Whether @addr lies in @prefix/@len, both of @family. */
static inline bool reflect_addr_in_prefix(u8 family,
					  const union reflect_addr *addr,
					  const union reflect_addr *prefix,
					  u8 len)
{
	if (family == AF_INET)
		return !((addr->ip ^ prefix->ip) & inet_make_mask(len));
	return ipv6_prefix_equal(&addr->ip6, &prefix->ip6, len);
}

/* Protocols whose packets carry ports: the ones flow mode keys on. */
static inline bool reflect_proto_has_ports(u8 proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP ||
	       proto == IPPROTO_UDPLITE || proto == IPPROTO_SCTP;
}

/*
 * What an entry is found by. The local address is this host's; ports and
 * protocol are zero in peer mode, and in flow mode for protocols without
 * ports. Compared and hashed as a whole, so padding is always zero.
 */
struct reflect_key {
	union reflect_addr local;
	union reflect_addr peer;
	__be16 local_port;
	__be16 peer_port;
	u8 family;
	u8 proto;
	u8 pad[2];
	/*
	 * The layer-3 domain (uapi REFLECT_ENTRY_A_DOMAIN): for an IPv6
	 * link-local peer the ifindex of its link, where the same fe80::
	 * address may be another host on another link; else the ifindex of
	 * the VRF (l3mdev) the interface is a slave of, where the same pair
	 * of addresses may be other hosts in another VRF; else 0.
	 */
	int domain;
};

/* Entry flags beyond the uapi REFLECT_ENTRY_F_* ones; never reported. */
#define REFLECT_ENTRY_F_RETURN		BIT(5)	/* cand is the next hop moved away from */
#define REFLECT_ENTRY_F_CANDIDATE	BIT(6)	/* cand is valid */
#define REFLECT_ENTRY_F_DEAD		BIT(7)	/* unhashed */

/*
 * One learned peer (or flow): 120 bytes on 64-bit, so a 128-byte slab
 * object at most (moves and flaps saturate at U16_MAX for that). The next
 * hop (iface, lladdr) never changes in place: a move replaces the whole
 * entry under RCU, so the lock-free readers in LOCAL_OUT never see half of
 * an old and half of a new next hop.
 *
 * Timestamps are the low 32 bits of jiffies (wrapping after 49 days at
 * HZ=1000, far beyond the longest interval compared).
 */
struct reflect_entry {
	struct hlist_node node;
	union {
		/* Only while unhashed, waiting to be freed. */
		struct rcu_head rcu;
		/*
		 * The unconfirmed next hop, or with REFLECT_ENTRY_F_RETURN
		 * the one the entry last moved away from (learn.c); only
		 * while hashed and only under the bucket lock, so it can
		 * share the space.
		 */
		struct {
			int ifindex;
			u32 since;
			u8 lladdr[ETH_ALEN];
			u16 packets;
		} cand;
	};
	struct reflect_key key;
	u8 lladdr[ETH_ALEN];
	u8 flags;			/* REFLECT_ENTRY_F_*, under the lock */
	u32 last_seen;			/* last learned packet */
	struct reflect_iface *iface;	/* learned interface, never NULL */
	struct reflect_local *local;	/* per-address counters, or NULL */
	u32 last_move;
	u16 moves;
	u16 flaps;
	atomic64_t packets;		/* reflected with this entry */
};

#define REFLECT_TABLE_LOCKS	256

/*
 * Buckets are allocated when the namespace first enables an interface:
 * namespaces that never reflect (containers, say) pay nothing for them.
 * Writers (new peers, moves, expiry, flushes) take one of
 * REFLECT_TABLE_LOCKS spinlocks, chosen by bucket, as conntrack's
 * nf_conntrack_locks do: a flood of new peers on many CPUs does not
 * serialise on one lock, and the cost stays 1 KB whatever the table size.
 */
struct reflect_buckets {
	unsigned int mask;
	u32 seed;
	spinlock_t locks[REFLECT_TABLE_LOCKS];	/* bucket n: locks[n % LOCKS] */
	struct hlist_head heads[];
};

struct reflect_table {
	struct reflect_buckets __rcu *buckets;
	atomic_t count;
	/* Bumped on every insert, move and removal: dump consistency. */
	atomic_t generation;
	unsigned int gc_next;
	struct delayed_work gc;
};

int reflect_table_module_init(void);
void reflect_table_module_exit(void);

void reflect_table_init(struct reflect_net *rn);
int reflect_table_enable(struct reflect_net *rn);
void reflect_table_destroy(struct reflect_net *rn);

struct mem_cgroup;
struct mem_cgroup *reflect_charge_begin(struct reflect_net *rn);
void reflect_charge_end(struct mem_cgroup *old);

int reflect_transport_offset(const struct sk_buff *skb, u8 family, u8 *proto);
void reflect_key_from_skb(struct reflect_key *key, const struct sk_buff *skb,
			  u8 family, bool ingress, bool flow);
int reflect_key_domain(u8 family, const union reflect_addr *peer,
		       const struct net_device *dev);

struct reflect_entry *reflect_table_lookup(struct reflect_net *rn,
					   const struct reflect_key *key);
int reflect_table_insert(struct reflect_net *rn, const struct reflect_key *key,
			 struct reflect_iface *iface, const u8 *lladdr,
			 int config_gen);
int reflect_table_add(struct reflect_net *rn, const struct reflect_key *key,
		      struct reflect_iface *iface, const u8 *lladdr, u8 flags,
		      bool replace, struct netlink_ext_ack *extack);
int reflect_table_del(struct reflect_net *rn, const struct reflect_key *key);
spinlock_t *reflect_table_lock(struct reflect_net *rn,
			       const struct reflect_entry *e);
int reflect_table_move(struct reflect_net *rn, struct reflect_entry *e,
		       struct reflect_iface *iface, const u8 *lladdr,
		       bool give_back);
unsigned int reflect_table_remove_if(struct reflect_net *rn,
				     bool (*match)(const struct reflect_entry *e,
						   const void *arg),
				     const void *arg);
unsigned int reflect_table_flush(struct reflect_net *rn, int ifindex);

static inline u16 reflect_inc_saturating(u16 n)
{
	return n == U16_MAX ? n : n + 1;
}

static inline u32 reflect_now(void)
{
	return (u32)jiffies;
}

/* Jiffies since the entry last saw a learned packet. */
static inline u32 reflect_entry_idle(const struct reflect_entry *e)
{
	return reflect_now() - READ_ONCE(e->last_seen);
}

#endif /* _REFLECT_TABLE_H */
