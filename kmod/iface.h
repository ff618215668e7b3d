/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interfaces a namespace reflects on.
 */
#ifndef _REFLECT_IFACE_H
#define _REFLECT_IFACE_H

#include <linux/rculist.h>

#include "nexthop.h"

#define REFLECT_IFACES_MAX	4096
#define REFLECT_IFACE_BUCKETS	16

struct net_device;
struct netlink_ext_ack;
struct reflect_net;

struct reflect_iface {
	struct hlist_node node;
	struct rcu_head rcu;
	struct reflect_stats __percpu *stats;
	int ifindex;
	struct reflect_nexthops nexthops;
	/* Set before the interface's entries are flushed: see table.c. */
	bool dead;
};

/* Changed under RTNL, read under RCU. */
struct reflect_ifaces {
	struct hlist_head heads[REFLECT_IFACE_BUCKETS];
	unsigned int count;
};

void reflect_ifaces_init(struct reflect_ifaces *ifaces);
void reflect_ifaces_destroy(struct reflect_net *rn);
struct reflect_iface *reflect_iface_find(struct reflect_ifaces *ifaces,
					 int ifindex);
bool reflect_iface_dev_usable(const struct net_device *dev);
bool reflect_iface_dev_transmits(struct net_device *dev);
int reflect_iface_add(struct reflect_net *rn, const struct net_device *dev,
		      struct netlink_ext_ack *extack);
int reflect_iface_del(struct reflect_net *rn, int ifindex, bool dev_gone);

int reflect_iface_notifier_register(void);
void reflect_iface_notifier_unregister(void);

#endif /* _REFLECT_IFACE_H */
