// SPDX-License-Identifier: GPL-2.0
/*
 * The set of interfaces reflection is enabled on, per namespace, and the
 * netdevice notifier that forgets an interface when it goes away.
 *
 * The set changes under RTNL, which also keeps the devices it names from
 * disappearing meanwhile; LOCAL_IN reads it under RCU for each packet.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "reflect.h"

void reflect_ifaces_init(struct reflect_ifaces *ifaces)
{
	int i;

	for (i = 0; i < REFLECT_IFACE_BUCKETS; i++)
		INIT_HLIST_HEAD(&ifaces->heads[i]);
	ifaces->count = 0;
}

static struct hlist_head *bucket(struct reflect_ifaces *ifaces, int ifindex)
{
	return &ifaces->heads[(unsigned int)ifindex % REFLECT_IFACE_BUCKETS];
}

/* Under RCU or RTNL: the enabled interface @ifindex, or NULL. */
struct reflect_iface *reflect_iface_find(struct reflect_ifaces *ifaces,
					 int ifindex)
{
	struct reflect_iface *iface;

	hlist_for_each_entry_rcu(iface, bucket(ifaces, ifindex), node,
				 lockdep_rtnl_is_held()) {
		if (iface->ifindex == ifindex)
			return iface;
	}
	return NULL;
}

/*
 * Reflection writes a learned 6-byte MAC address with the device's own
 * header_ops, which read dev->addr_len bytes of it: only an Ethernet link
 * layer fits (an ip6gre device's 16-byte "address" would take ten bytes
 * past the MAC into the outer IPv6 header). VLAN, bond, bridge and macvlan
 * devices are Ethernet. Checked when reflection is enabled and again per
 * packet, since a bond takes the type of its first slave.
 */
bool reflect_iface_dev_usable(const struct net_device *dev)
{
	return dev->type == ARPHRD_ETHER && dev->addr_len == ETH_ALEN &&
	       dev->header_ops && dev->header_ops->create;
}

/*
 * Per packet, under RCU: usable, and not a port of a bridge, bond or team
 * (a frame sent on a port directly would bypass its master). A VRF's
 * slave is no port: it carries its own IP traffic, in the VRF's domain.
 */
bool reflect_iface_dev_transmits(struct net_device *dev)
{
	struct net_device *master = netdev_master_upper_dev_get_rcu(dev);

	return reflect_iface_dev_usable(dev) &&
	       (!master || netif_is_l3_master(master));
}

int reflect_iface_add(struct reflect_net *rn, const struct net_device *dev,
		      struct netlink_ext_ack *extack)
{
	struct reflect_iface *iface;
	int err;

	ASSERT_RTNL();
	if (!reflect_iface_dev_usable(dev)) {
		NL_SET_ERR_MSG(extack, "reflection needs an Ethernet device (a 6-byte link-layer address and header ops)");
		return -EOPNOTSUPP;
	}
	if (reflect_iface_find(&rn->ifaces, dev->ifindex)) {
		NL_SET_ERR_MSG(extack, "reflection is already enabled on this interface");
		return -EEXIST;
	}
	if (rn->ifaces.count >= REFLECT_IFACES_MAX) {
		NL_SET_ERR_MSG(extack, "too many interfaces");
		return -ENOSPC;
	}

	err = reflect_table_enable(rn);
	if (err)
		return err;
	iface = kzalloc(sizeof(*iface), GFP_KERNEL_ACCOUNT);
	if (!iface)
		return -ENOMEM;
	iface->stats = reflect_stats_alloc(GFP_KERNEL_ACCOUNT);
	if (!iface->stats) {
		kfree(iface);
		return -ENOMEM;
	}
	iface->ifindex = dev->ifindex;
	reflect_nexthops_init(&iface->nexthops);

	hlist_add_head_rcu(&iface->node, bucket(&rn->ifaces, dev->ifindex));
	rn->ifaces.count++;
	atomic_inc(&rn->config_gen);
	/* Its trusted routers' neighbour entries, before their packets come. */
	reflect_trust_resolve(rn);
	return 0;
}

static void iface_free_rcu(struct rcu_head *rcu)
{
	struct reflect_iface *iface = container_of(rcu, struct reflect_iface,
						   rcu);

	reflect_stats_free(iface->stats);
	kfree(iface);
}

/*
 * Disables reflection on @ifindex and drops the entries learned on it and
 * the routes through its next hops (@dev_gone: the device unregisters).
 * The object is freed after a grace period: hooks may still hold it or
 * an entry that points to it.
 */
int reflect_iface_del(struct reflect_net *rn, int ifindex, bool dev_gone)
{
	struct reflect_iface *iface;

	ASSERT_RTNL();
	iface = reflect_iface_find(&rn->ifaces, ifindex);
	if (!iface)
		return -ENOENT;

	WRITE_ONCE(iface->dead, true);
	hlist_del_rcu(&iface->node);
	rn->ifaces.count--;
	atomic_inc(&rn->config_gen);
	reflect_table_flush(rn, ifindex);
	reflect_nexthops_release(&iface->nexthops, dev_gone);
	call_rcu(&iface->rcu, iface_free_rcu);
	return 0;
}

/* Namespace exit, after the table is gone. */
void reflect_ifaces_destroy(struct reflect_net *rn)
{
	struct reflect_iface *iface;
	struct hlist_node *tmp;
	int i;

	for (i = 0; i < REFLECT_IFACE_BUCKETS; i++) {
		hlist_for_each_entry_safe(iface, tmp, &rn->ifaces.heads[i],
					  node) {
			hlist_del(&iface->node);
			reflect_nexthops_release(&iface->nexthops, true);
			call_rcu(&iface->rcu, iface_free_rcu);
		}
	}
	rn->ifaces.count = 0;
}

/*
 * NETDEV_UNREGISTER also comes when a device moves to another namespace:
 * either way it is gone from this one, and its ifindex may be reused.
 *
 * A device that gets a master (a bridge, bond or team takes it as a port)
 * no longer carries its own IP traffic: the IP layer sees the master, so
 * what was learned on the port is dropped at once, and transmit never uses
 * a port (see reflect_iface_dev_transmits()). Reflection stays enabled on it
 * for when it is released again.
 */
static int netdev_event(struct notifier_block *nb, unsigned long event,
			void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct netdev_notifier_changeupper_info *upper;

	switch (event) {
	case NETDEV_UNREGISTER:
		reflect_iface_del(reflect_net(dev_net(dev)), dev->ifindex,
				  true);
		reflect_trust_forget_ifindex(reflect_net(dev_net(dev)),
					     dev->ifindex);
		break;
	case NETDEV_CHANGEUPPER:
		upper = ptr;
		if (upper->master && upper->linking &&
		    reflect_iface_find(&reflect_net(dev_net(dev))->ifaces,
				       dev->ifindex))
			reflect_table_flush(reflect_net(dev_net(dev)),
					    dev->ifindex);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block netdev_notifier = {
	.notifier_call = netdev_event,
};

int __init reflect_iface_notifier_register(void)
{
	return register_netdevice_notifier(&netdev_notifier);
}

void reflect_iface_notifier_unregister(void)
{
	unregister_netdevice_notifier(&netdev_notifier);
}
