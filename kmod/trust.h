/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Trusted next hops: the routers a namespace learns through.
 */
#ifndef _REFLECT_TRUST_H
#define _REFLECT_TRUST_H

#include <linux/if_ether.h>
#include <linux/list.h>
#include <linux/notifier.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "table.h"

#define REFLECT_GATEWAY_BUCKETS	64
/* Routes with gateways a namespace's mirror follows; more are not trusted. */
#define REFLECT_GATEWAY_ROUTES_MAX	65536

struct net;
struct net_device;
struct netlink_ext_ack;
struct reflect_net;

/* A next hop named by the administrator: by address (family), or by MAC. */
struct reflect_router {
	struct list_head node;
	struct rcu_head rcu;
	int ifindex;
	u8 family;			/* AF_INET, AF_INET6, or 0: by MAC */
	u8 mac[ETH_ALEN];
	union reflect_addr addr;
};

struct reflect_trust {
	/* Named next hops: changed under RTNL, read under RCU. */
	struct list_head routers;
	unsigned int router_count;
	/*
	 * The gateways of the namespace's routes, every table, followed
	 * through the FIB notifier: one mirror entry per route (table,
	 * prefix) that has gateways, changed in the notifier's context.
	 */
	spinlock_t lock;		/* the mirror */
	struct hlist_head routes[REFLECT_GATEWAY_BUCKETS];
	unsigned int route_count;
	struct notifier_block fib_nb;
	bool fib_registered;
	/* Bumped on every change of what is trusted: next hops re-check. */
	atomic_t gen;
	/* Resolves the trusted routers' addresses (their neighbour entries). */
	struct work_struct resolve;
};

int reflect_trust_init(struct reflect_net *rn, struct net *net);
void reflect_trust_destroy(struct reflect_net *rn, struct net *net);
bool reflect_trust_mac(struct reflect_net *rn, int ifindex, const u8 *mac);
unsigned int reflect_trust_addresses(struct reflect_net *rn, int ifindex,
				     u8 family, union reflect_addr *addrs,
				     unsigned int max);
void reflect_trust_resolve(struct reflect_net *rn);
int reflect_trust_add(struct reflect_net *rn, const struct reflect_router *r,
		      struct netlink_ext_ack *extack);
int reflect_trust_del(struct reflect_net *rn, const struct reflect_router *r);
void reflect_trust_forget_ifindex(struct reflect_net *rn, int ifindex);

#endif /* _REFLECT_TRUST_H */
