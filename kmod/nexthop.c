// SPDX-License-Identifier: GPL-2.0
/*
 * Next hops: the routes reflected packets take.
 *
 * An entry names its next hop by interface and MAC address: the router
 * (or the on-link peer) whose frame taught it. Reflection hands the packet
 * to the stack's own output path with a route through that next hop
 * (xmit.c): a struct rtable or rt6_info on the learned device whose
 * gateway is an address of that router, made as the stack makes its own
 * uncached routes (rt_dst_alloc(), ip6_dst_alloc()). The stack then does
 * all it does for a routed packet, including the neighbour lookup that
 * writes the link-layer header, so static ARP and NDP entries hold.
 *
 * The gateway is found in the device's neighbour table (ARP, NDP): the
 * peer itself if its own entry has the learned MAC (an on-link peer), else
 * an address whose entry has it, a trusted router's first (trust.c). A
 * next hop also knows whether it is trusted; when what is trusted changes
 * (trust.c's generation), every next hop looks again on its next use. A
 * router that hands this host packets has normally resolved this host's
 * address, which left its entry here (an ARP request or a neighbour
 * solicitation creates the sender's entry). Without one, packets are
 * routed (FB_NO_NEIGH) and the table is searched again at most once a
 * second for that next hop. Every reflected packet checks that
 * the gateway's entry still has the learned MAC; when the address has
 * moved to another MAC the route is dropped and looked for again.
 *
 * One route per (family, MAC) and enabled interface, shared by every entry
 * through that next hop. Lifetime: a route is made on first use and holds
 * a reference on its dst, which holds the device. It is released when its
 * gateway changes, when it has been idle for idle_timeout and room is
 * needed, when reflection is disabled on the interface, when the device
 * unregisters (before the device may be freed: dst_dev_put() moves packets
 * still in flight onto the blackhole device, as the stack does with its own
 * uncached routes) and at namespace exit. Lookups run under RCU and the
 * object is freed after a grace period. A dst points only at the kernel's
 * own code (ip_output(), ip6_output(), the families' dst_ops), so a packet
 * still holding one outlives the module.
 */
#include <linux/etherdevice.h>
#include <linux/jhash.h>
#include <linux/netdevice.h>
#include <linux/slab.h>
#include <net/arp.h>
#include <linux/inetdevice.h>
#include <net/addrconf.h>
#include <net/dst.h>
#include <net/ip6_fib.h>
#include <net/ip6_route.h>
#include <net/ndisc.h>
#include <net/neighbour.h>
#include <net/route.h>

#include "reflect.h"

void reflect_nexthops_init(struct reflect_nexthops *nhs)
{
	int i;

	spin_lock_init(&nhs->lock);
	nhs->count = 0;
	nhs->released = false;
	for (i = 0; i < REFLECT_NEXTHOP_BUCKETS; i++)
		INIT_HLIST_HEAD(&nhs->heads[i]);
}

static struct hlist_head *bucket(struct reflect_nexthops *nhs, u8 family,
				 const u8 *mac)
{
	return &nhs->heads[jhash(mac, ETH_ALEN, family) %
			   REFLECT_NEXTHOP_BUCKETS];
}

static struct reflect_nexthop *find(struct reflect_nexthops *nhs, u8 family,
				    const u8 *mac)
{
	struct reflect_nexthop *nh;

	hlist_for_each_entry_rcu(nh, bucket(nhs, family, mac), node,
				 lockdep_is_held(&nhs->lock)) {
		if (nh->family == family && ether_addr_equal(nh->mac, mac))
			return nh;
	}
	return NULL;
}

/* Whether @dev's neighbour entry for @addr is valid and has @mac. */
static bool neigh_has_mac(struct net_device *dev, u8 family,
			  const union reflect_addr *addr, const u8 *mac)
{
	u8 ha[MAX_ADDR_LEN] __aligned(2);
	struct neighbour *n;
	bool has = false;

	rcu_read_lock_bh();
	if (family == AF_INET)
		n = __ipv4_neigh_lookup_noref(dev, (__force u32)addr->ip);
	else
		n = __ipv6_neigh_lookup_noref(dev, &addr->ip6);
	if (n && (READ_ONCE(n->nud_state) & NUD_VALID)) {
		neigh_ha_snapshot(ha, n, dev);
		has = ether_addr_equal(ha, mac);
	}
	rcu_read_unlock_bh();
	return has;
}

/* The addresses whose neighbour entries on a device have one MAC address. */
#define SEARCH_MAX	8

struct search {
	const struct net_device *dev;
	const u8 *mac;
	u8 family;
	unsigned int found;
	union reflect_addr addr[SEARCH_MAX];
};

static void search_one(struct neighbour *n, void *arg)
{
	u8 ha[MAX_ADDR_LEN] __aligned(2);
	struct search *s = arg;

	if (s->found == SEARCH_MAX || n->dev != s->dev ||
	    !(READ_ONCE(n->nud_state) & NUD_VALID))
		return;
	neigh_ha_snapshot(ha, n, n->dev);
	if (!ether_addr_equal(ha, s->mac))
		return;
	memset(&s->addr[s->found], 0, sizeof(s->addr[0]));
	memcpy(&s->addr[s->found++], n->primary_key,
	       reflect_addr_len(s->family));
}

/* Whether @peer is on the link of @dev: in one of its prefixes. */
static bool onlink(struct net_device *dev, u8 family,
		   const union reflect_addr *peer)
{
	const struct in_ifaddr *ifa;
	struct in_device *in_dev;

	if (family == AF_INET6)
		return ipv6_chk_prefix(&peer->ip6, dev);
	in_dev = __in_dev_get_rcu(dev);
	if (!in_dev)
		return false;
	in_dev_for_each_ifa_rcu(ifa, in_dev) {
		if (inet_ifa_match(peer->ip, ifa))
			return true;
	}
	return false;
}

/* Trusted routers' addresses on a device compared for one MAC address. */
#define ROUTERS_MAX	16

/*
 * The address through which @dev reaches nh->mac into nh->gw, and whether
 * the next hop is a trusted router into nh->router: for a peer on the
 * link, the peer's own neighbour entry; else a trusted router's address
 * whose entry has the MAC (named by MAC address, the MAC is enough); else
 * any address whose entry has it. The on-link test keeps an entry that an
 * ARP request with a forged sender address left for an off-link peer
 * from passing for that peer's own.
 */
static bool find_gateway(struct reflect_net *rn, struct net_device *dev,
			 struct reflect_nexthop *nh,
			 const union reflect_addr *peer)
{
	struct search s = { .dev = dev, .mac = nh->mac, .family = nh->family };
	union reflect_addr routers[ROUTERS_MAX];
	unsigned int i, n;

	nh->router = reflect_trust_mac(rn, dev->ifindex, nh->mac);
	if (onlink(dev, nh->family, peer) &&
	    neigh_has_mac(dev, nh->family, peer, nh->mac)) {
		nh->gw = *peer;
		return true;
	}
	n = reflect_trust_addresses(rn, dev->ifindex, nh->family, routers,
				    ROUTERS_MAX);
	for (i = 0; i < n; i++) {
		if (neigh_has_mac(dev, nh->family, &routers[i], nh->mac)) {
			nh->router = true;
			nh->gw = routers[i];
			return true;
		}
	}
	/* A router not resolved yet may be this one: resolve them. */
	if (n)
		reflect_trust_resolve(rn);
	neigh_for_each(nh->family == AF_INET ? &arp_tbl : &nd_tbl, search_one,
		       &s);
	if (s.found)
		nh->gw = s.addr[0];
	return s.found;
}

/* An uncached route through @gw on @dev, output by the stack's own path. */
static struct dst_entry *route(struct net_device *dev, u8 family,
			       const union reflect_addr *gw)
{
	struct rt6_info *rt6;
	struct rtable *rt;

	if (family == AF_INET) {
		rt = reflect_rt_dst_alloc(dev);
		if (!rt)
			return NULL;
		rt->rt_gw_family = AF_INET;
		rt->rt_gw4 = gw->ip;
		rt->rt_uses_gateway = 1;
		return &rt->dst;	/* its output is ip_output() */
	}

	rt6 = ip6_dst_alloc(dev_net(dev), dev, 0);
	if (!rt6)
		return NULL;
	rt6->rt6i_idev = in6_dev_get(dev);
	rt6->rt6i_gateway = gw->ip6;
	rt6->rt6i_flags = RTF_GATEWAY | RTF_UP;
	rt6->dst.output = ip6_output;
	if (!rt6->rt6i_idev) {	/* IPv6 is off on the device */
		dst_release(&rt6->dst);
		return NULL;
	}
	return &rt6->dst;
}

static void route_free_rcu(struct rcu_head *rcu)
{
	struct reflect_nexthop *nh = container_of(rcu, struct reflect_nexthop,
						  rcu);

	dst_release(nh->dst);
	kfree(nh);
}

/* Under nhs->lock. */
static void unhash(struct reflect_nexthops *nhs, struct reflect_nexthop *nh,
		   bool dev_gone)
{
	if (hlist_unhashed(&nh->node))
		return;		/* another CPU was first */
	hlist_del_init_rcu(&nh->node);
	nhs->count--;
	if (dev_gone && nh->dst)
		dst_dev_put(nh->dst);
	call_rcu(&nh->rcu, route_free_rcu);
}

static void drop(struct reflect_nexthops *nhs, struct reflect_nexthop *nh)
{
	spin_lock_bh(&nhs->lock);
	unhash(nhs, nh, false);
	spin_unlock_bh(&nhs->lock);
}

/* Under nhs->lock, when full: routes unused for @idle jiffies go. */
static void prune(struct reflect_nexthops *nhs, u32 idle)
{
	struct reflect_nexthop *nh;
	struct hlist_node *tmp;
	int i;

	for (i = 0; i < REFLECT_NEXTHOP_BUCKETS; i++) {
		hlist_for_each_entry_safe(nh, tmp, &nhs->heads[i], node) {
			if (reflect_now() - READ_ONCE(nh->last_used) > idle)
				unhash(nhs, nh, false);
		}
	}
}

static struct dst_entry *use(struct reflect_nexthop *nh)
{
	if (!nh->dst)
		return NULL;
	WRITE_ONCE(nh->last_used, reflect_now());
	dst_hold(nh->dst);
	return nh->dst;
}

/* Under RCU: a new next hop, or the one another CPU made meanwhile. */
static struct reflect_nexthop *create(struct reflect_net *rn,
				      struct reflect_nexthops *nhs,
				      struct net_device *dev, u8 family,
				      const u8 *mac,
				      const union reflect_addr *peer)
{
	struct reflect_nexthop *nh, *old;
	struct mem_cgroup *memcg;

	memcg = reflect_charge_begin(rn);
	nh = kzalloc(sizeof(*nh), GFP_ATOMIC | __GFP_ACCOUNT);
	reflect_charge_end(memcg);
	if (!nh)
		return NULL;
	nh->family = family;
	ether_addr_copy(nh->mac, mac);
	nh->last_used = reflect_now();
	/* Read first: a change while this is made makes it again. */
	nh->trust_gen = atomic_read(&rn->trust.gen);
	if (find_gateway(rn, dev, nh, peer))
		nh->dst = route(dev, family, &nh->gw);
	/* Look again: for a gateway in a second, for trust in a moment. */
	if (!nh->dst)
		nh->retry = jiffies + HZ;
	else if (!nh->router)
		nh->retry = jiffies + HZ / 10;

	spin_lock_bh(&nhs->lock);
	/*
	 * A hook that found the interface before it was deleted may get here
	 * after its routes were released: a route added now would hold the
	 * device with nothing left to release it.
	 */
	if (nhs->released) {
		spin_unlock_bh(&nhs->lock);
		dst_release(nh->dst);
		kfree(nh);
		return NULL;
	}
	old = find(nhs, family, mac);
	if (old)
		goto out_free;
	if (nhs->count >= REFLECT_NEXTHOPS_MAX)
		prune(nhs, READ_ONCE(rn->config.idle_timeout) * HZ);
	if (nhs->count >= REFLECT_NEXTHOPS_MAX)
		goto out_free;
	hlist_add_head_rcu(&nh->node, bucket(nhs, family, mac));
	nhs->count++;
	spin_unlock_bh(&nhs->lock);
	return nh;

out_free:
	spin_unlock_bh(&nhs->lock);
	dst_release(nh->dst);
	kfree(nh);
	return old;
}

/*
 * Under RCU: the next hop @mac of @iface (whose device is @dev) for a
 * packet of @family to or from @peer, made again when what is trusted
 * changed, when its gateway's address has another MAC now or is gone, or
 * when it had no gateway and a second has passed; NULL without memory or
 * room.
 */
static struct reflect_nexthop *get(struct reflect_net *rn,
				   struct reflect_iface *iface,
				   struct net_device *dev, u8 family,
				   const u8 *mac, const union reflect_addr *peer)
{
	struct reflect_nexthops *nhs = &iface->nexthops;
	struct reflect_nexthop *nh;

	nh = find(nhs, family, mac);
	if (nh) {
		if (nh->trust_gen == atomic_read(&rn->trust.gen) &&
		    (nh->dst ? neigh_has_mac(dev, family, &nh->gw, mac) :
			       time_before(jiffies, READ_ONCE(nh->retry))))
			return nh;
		drop(nhs, nh);
	}
	return create(rn, nhs, dev, family, mac, peer);
}

/* Whether @nh may carry @peer's packets: a trusted router, or its own MAC. */
static bool trusted_for(const struct reflect_nexthop *nh,
			struct net_device *dev,
			const union reflect_addr *peer)
{
	return nh->router || (onlink(dev, nh->family, peer) &&
			      neigh_has_mac(dev, nh->family, peer, nh->mac));
}

/*
 * Under RCU: a reference on the route through next hop @mac of @iface,
 * whose device is @dev, for a packet of @family to @peer, and, if @trusted
 * is given, in *trusted whether that next hop is trusted for @peer; NULL
 * if there is no route (no neighbour entry has @mac, or no memory).
 */
struct dst_entry *reflect_nexthop_dst(struct reflect_net *rn,
				      struct reflect_iface *iface,
				      struct net_device *dev, u8 family,
				      const u8 *mac,
				      const union reflect_addr *peer,
				      bool *trusted)
{
	struct reflect_nexthop *nh = get(rn, iface, dev, family, mac, peer);

	if (!nh || !nh->dst)
		return NULL;
	if (trusted)
		*trusted = trusted_for(nh, dev, peer);
	return use(nh);
}

/*
 * Under RCU: whether a packet from @peer through @mac may teach (learn.c).
 * A next hop that is not a router is looked at again, at most every
 * 100 ms, when it does not pass: its router's address may have been
 * resolved meanwhile.
 */
bool reflect_nexthop_trusted(struct reflect_net *rn,
			     struct reflect_iface *iface,
			     struct net_device *dev, u8 family, const u8 *mac,
			     const union reflect_addr *peer)
{
	struct reflect_nexthop *nh = get(rn, iface, dev, family, mac, peer);

	if (nh && !trusted_for(nh, dev, peer) && nh->dst &&
	    time_after_eq(jiffies, READ_ONCE(nh->retry))) {
		drop(&iface->nexthops, nh);
		nh = create(rn, &iface->nexthops, dev, family, mac, peer);
	}
	return nh && trusted_for(nh, dev, peer);
}

/*
 * Reflection is disabled on the interface, its device is going away
 * (@dev_gone), or the namespace is: every route goes, and none comes.
 */
void reflect_nexthops_release(struct reflect_nexthops *nhs, bool dev_gone)
{
	struct reflect_nexthop *nh;
	struct hlist_node *tmp;
	int i;

	spin_lock_bh(&nhs->lock);
	nhs->released = true;
	for (i = 0; i < REFLECT_NEXTHOP_BUCKETS; i++) {
		hlist_for_each_entry_safe(nh, tmp, &nhs->heads[i], node)
			unhash(nhs, nh, dev_gone);
	}
	spin_unlock_bh(&nhs->lock);
}
