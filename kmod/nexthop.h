/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Routes through learned next hops, cached per enabled interface.
 */
#ifndef _REFLECT_NEXTHOP_H
#define _REFLECT_NEXTHOP_H

#include <linux/if_ether.h>
#include <linux/rculist.h>
#include <linux/spinlock.h>

#include "table.h"

#define REFLECT_NEXTHOP_BUCKETS	16
/* Per interface: a LAN's routers and on-link peers, as a neighbour table holds. */
#define REFLECT_NEXTHOPS_MAX	1024

struct dst_entry;
struct net_device;
struct reflect_iface;

/*
 * A route through one next hop: the device's router (or on-link peer) with
 * MAC address @mac, reached as @gw. Immutable once hashed but for
 * last_used; replaced, never changed, when the gateway's MAC changes.
 */
struct reflect_nexthop {
	struct hlist_node node;
	struct rcu_head rcu;
	struct dst_entry *dst;	/* a reference; NULL: no gateway found */
	union reflect_addr gw;
	unsigned long retry;	/* without a dst: look again from then on */
	u32 last_used;
	int trust_gen;		/* reflect_trust.gen when made */
	bool router;		/* a trusted router (trust.c) */
	u8 family;
	u8 mac[ETH_ALEN];
};

struct reflect_nexthops {
	spinlock_t lock;	/* changes (softirq-safe); lookups use RCU */
	unsigned int count;
	bool released;		/* under lock: no route is added any more */
	struct hlist_head heads[REFLECT_NEXTHOP_BUCKETS];
};

void reflect_nexthops_init(struct reflect_nexthops *nhs);
struct dst_entry *reflect_nexthop_dst(struct reflect_net *rn,
				      struct reflect_iface *iface,
				      struct net_device *dev, u8 family,
				      const u8 *mac,
				      const union reflect_addr *peer,
				      bool *trusted);
bool reflect_nexthop_trusted(struct reflect_net *rn,
			     struct reflect_iface *iface,
			     struct net_device *dev, u8 family, const u8 *mac,
			     const union reflect_addr *peer);
void reflect_nexthops_release(struct reflect_nexthops *nhs, bool dev_gone);

#endif /* _REFLECT_NEXTHOP_H */
