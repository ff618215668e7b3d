// SPDX-License-Identifier: GPL-2.0
/*
 * Trusted next hops. Under the default learning policy (LEARN TRUSTED, see
 * learn.c) a peer is learned only through a next hop the namespace has
 * reason to trust:
 *  - for a peer on the link, the MAC address of the peer's own neighbour
 *    entry (nexthop.c checks that);
 *  - else a router: a gateway of any of the namespace's routing tables, on
 *    the interface the packet came in on (policy routing's tables count,
 *    so an administrator who routes through a second router has already
 *    said it is one), or a next hop the administrator names, by address or
 *    by MAC address (REFLECT_CMD_ADD_NEXTHOP).
 * A router named or found by address is known by the MAC address its
 * neighbour entry has (nexthop.c compares); one named by MAC address by
 * that MAC. A router that never resolved this host's address has left no
 * neighbour entry here, so the addresses of the trusted routers on enabled
 * interfaces are resolved (ARP, neighbour solicitation) when reflection is
 * enabled there, when they become trusted, and when a next hop is looked
 * for among them and one has no entry: a work item does it, as routing
 * would on its first packet through them.
 *
 * The gateways come from the FIB notifier, which replays the routes there
 * are when it is registered (at namespace creation, without RTNL, as it
 * needs) and then reports every change of the route a (table, prefix)
 * uses. The mirror keeps one entry per such route with gateways, capped
 * at REFLECT_GATEWAY_ROUTES_MAX, charged to the process changing routes.
 * It is not on the packet path: next hops ask it when they are made, and
 * again when the generation says that what is trusted has changed.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/jhash.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/fib_notifier.h>
#include <net/ip6_fib.h>
#include <net/ip_fib.h>
#include <net/arp.h>
#include <net/ndisc.h>
#include <net/nexthop.h>

#include "reflect.h"

/* A multipath route's gateways beyond this many are not followed. */
#define ROUTE_GATEWAYS_MAX	32

struct gateway {
	int ifindex;
	union reflect_addr addr;
};

struct gateways {
	unsigned int count;
	struct gateway gw[ROUTE_GATEWAYS_MAX];
};

/* The route of one (table, prefix), while it has gateways. */
struct mirror_route {
	struct hlist_node node;
	u32 table;
	u8 family;
	u8 plen;
	union reflect_addr dst;
	unsigned int count;
	struct gateway gw[];
};

struct route_key {
	u32 table;
	u8 family;
	u8 plen;
	union reflect_addr dst;
};

static struct hlist_head *bucket(struct reflect_trust *t,
				 const struct route_key *k)
{
	u32 h = jhash(&k->dst, sizeof(k->dst), k->table ^ (k->plen << 8) ^
		      (k->family << 16));

	return &t->routes[h % REFLECT_GATEWAY_BUCKETS];
}

static struct mirror_route *find_route(struct reflect_trust *t,
				       const struct route_key *k)
{
	struct mirror_route *r;

	hlist_for_each_entry(r, bucket(t, k), node) {
		if (r->table == k->table && r->family == k->family &&
		    r->plen == k->plen && !memcmp(&r->dst, &k->dst,
						  sizeof(r->dst)))
			return r;
	}
	return NULL;
}

static void remove_route(struct reflect_trust *t, struct mirror_route *r)
{
	hlist_del(&r->node);
	t->route_count--;
	kfree(r);
}

static bool has_gateway(const struct mirror_route *r, const struct gateway *g)
{
	unsigned int i;

	for (i = 0; i < r->count; i++) {
		if (r->gw[i].ifindex == g->ifindex &&
		    !memcmp(&r->gw[i].addr, &g->addr, sizeof(g->addr)))
			return true;
	}
	return false;
}

/* Under t->lock: the route of @k now has @gws (REPLACE), or also (APPEND). */
static void set_route(struct reflect_trust *t, const struct route_key *k,
		      const struct gateways *gws, bool append)
{
	struct mirror_route *old = find_route(t, k), *r;
	unsigned int i, n = gws->count;

	if (append && old)
		n += old->count;
	n = min_t(unsigned int, n, ROUTE_GATEWAYS_MAX);
	if (!n) {
		if (old)
			remove_route(t, old);
		return;
	}
	if (!old && t->route_count >= REFLECT_GATEWAY_ROUTES_MAX)
		return;

	r = kzalloc(struct_size(r, gw, n), GFP_ATOMIC | __GFP_ACCOUNT);
	if (!r)
		return;		/* its gateways go untrusted */
	r->table = k->table;
	r->family = k->family;
	r->plen = k->plen;
	r->dst = k->dst;
	if (append && old) {
		memcpy(r->gw, old->gw, old->count * sizeof(*r->gw));
		r->count = old->count;
	}
	for (i = 0; i < gws->count && r->count < n; i++) {
		if (!has_gateway(r, &gws->gw[i]))
			r->gw[r->count++] = gws->gw[i];
	}
	if (old)
		remove_route(t, old);
	hlist_add_head(&r->node, bucket(t, k));
	t->route_count++;
}

static void add_gateway(struct gateways *gws, const struct net_device *dev,
			const void *addr, size_t len)
{
	struct gateway *g;

	if (!dev || gws->count >= ROUTE_GATEWAYS_MAX)
		return;
	g = &gws->gw[gws->count++];
	memset(g, 0, sizeof(*g));
	g->ifindex = dev->ifindex;
	memcpy(&g->addr, addr, len);
}

static void collect4(struct fib_entry_notifier_info *fen, bool paths,
		     struct route_key *k, struct gateways *gws)
{
	struct fib_nh_common *nhc;
	int i;

	k->family = AF_INET;
	k->table = fen->tb_id;
	k->plen = fen->dst_len;
	k->dst.ip = htonl(fen->dst);
	for (i = 0; paths && i < fib_info_num_path(fen->fi); i++) {
		nhc = fib_info_nhc(fen->fi, i);
		if (nhc->nhc_gw_family == AF_INET)
			add_gateway(gws, nhc->nhc_dev, &nhc->nhc_gw.ipv4,
				    sizeof(__be32));
	}
}

static int collect6_nh(struct fib6_nh *nh, void *arg)
{
	if (nh->fib_nh_gw_family == AF_INET6)
		add_gateway(arg, nh->fib_nh_dev, &nh->fib_nh_gw6,
			    sizeof(struct in6_addr));
	return 0;
}

static void collect6_rt(struct fib6_info *rt, struct gateways *gws)
{
	if (rt->nh)
		nexthop_for_each_fib6_nh(rt->nh, collect6_nh, gws);
	else
		collect6_nh(rt->fib6_nh, gws);
}

static void collect6(struct fib6_entry_notifier_info *fen, bool paths,
		     struct route_key *k, struct gateways *gws)
{
	struct fib6_info *rt = fen->rt, *sibling;
	unsigned int n = 0;

	k->family = AF_INET6;
	k->table = rt->fib6_table->tb6_id;
	k->plen = rt->fib6_dst.plen;
	k->dst.ip6 = rt->fib6_dst.addr;
	if (!paths)
		return;
	collect6_rt(rt, gws);
	if (rt->nh)
		return;		/* fib6_siblings is nh_list then */
	list_for_each_entry(sibling, &rt->fib6_siblings, fib6_siblings) {
		if (n++ == fen->nsiblings)
			break;
		collect6_rt(sibling, gws);
	}
}

/*
 * The FIB notifier reports, per (table, prefix), the route in use: REPLACE
 * when it changes, APPEND when a multipath route gains a path, DEL when
 * the prefix has no route left (or, for IPv6, loses one: then a REPLACE
 * follows for what remains). Atomic context.
 */
static int fib_event(struct notifier_block *nb, unsigned long event,
		     void *ptr)
{
	struct reflect_trust *t = container_of(nb, struct reflect_trust,
					       fib_nb);
	struct fib_notifier_info *info = ptr;
	struct route_key k = {};
	struct gateways *gws;
	bool paths;

	switch (event) {
	case FIB_EVENT_ENTRY_REPLACE:
	case FIB_EVENT_ENTRY_APPEND:
	case FIB_EVENT_ENTRY_ADD:
	case FIB_EVENT_ENTRY_DEL:
		break;
	default:
		return NOTIFY_DONE;
	}
	if (info->family != AF_INET && info->family != AF_INET6)
		return NOTIFY_DONE;

	gws = kzalloc(sizeof(*gws), GFP_ATOMIC);
	if (!gws)
		return NOTIFY_DONE;
	paths = event != FIB_EVENT_ENTRY_DEL;
	if (info->family == AF_INET)
		collect4(container_of(info, struct fib_entry_notifier_info,
				      info), paths, &k, gws);
	else
		collect6(container_of(info, struct fib6_entry_notifier_info,
				      info), paths, &k, gws);

	spin_lock_bh(&t->lock);
	set_route(t, &k, gws, event == FIB_EVENT_ENTRY_APPEND);
	spin_unlock_bh(&t->lock);
	atomic_inc(&t->gen);
	if (paths && gws->count)
		schedule_work(&t->resolve);
	kfree(gws);
	return NOTIFY_DONE;
}

static void flush_routes(struct reflect_trust *t)
{
	struct mirror_route *r;
	struct hlist_node *tmp;
	int i;

	spin_lock_bh(&t->lock);
	for (i = 0; i < REFLECT_GATEWAY_BUCKETS; i++) {
		hlist_for_each_entry_safe(r, tmp, &t->routes[i], node)
			remove_route(t, r);
	}
	spin_unlock_bh(&t->lock);
	atomic_inc(&t->gen);
}

/* The replay was inconsistent: the notifier core replays again. */
static void fib_replay_again(struct notifier_block *nb)
{
	flush_routes(container_of(nb, struct reflect_trust, fib_nb));
}

/* The addresses of every named next hop and gateway, with their interfaces. */
#define RESOLVE_MAX	256

struct resolve_list {
	unsigned int count;
	struct {
		int ifindex;
		u8 family;
		union reflect_addr addr;
	} a[RESOLVE_MAX];
};

static void resolve_add(struct resolve_list *l, int ifindex, u8 family,
			const union reflect_addr *addr)
{
	if (l->count == RESOLVE_MAX)
		return;
	l->a[l->count].ifindex = ifindex;
	l->a[l->count].family = family;
	l->a[l->count++].addr = *addr;
}

/* Resolves what has no valid neighbour entry on an enabled interface. */
static void resolve_one(struct reflect_net *rn, int ifindex, u8 family,
			const union reflect_addr *addr)
{
	struct net_device *dev;
	struct neighbour *n;

	dev = dev_get_by_index(rn->net, ifindex);
	if (!dev)
		return;
	rcu_read_lock();
	if (!reflect_iface_find(&rn->ifaces, ifindex)) {
		rcu_read_unlock();
		dev_put(dev);
		return;
	}
	rcu_read_unlock();
	n = __neigh_lookup(family == AF_INET ? &arp_tbl : &nd_tbl, addr, dev,
			   true);
	if (n) {
		if (!(READ_ONCE(n->nud_state) & NUD_VALID))
			neigh_event_send(n, NULL);
		neigh_release(n);
	}
	dev_put(dev);
}

static void resolve_work(struct work_struct *work)
{
	struct reflect_trust *t = container_of(work, struct reflect_trust,
					       resolve);
	struct reflect_net *rn = container_of(t, struct reflect_net, trust);
	struct reflect_router *router;
	struct mirror_route *r;
	struct resolve_list *l;
	unsigned int i, j;

	l = kzalloc(sizeof(*l), GFP_KERNEL);
	if (!l)
		return;
	rcu_read_lock();
	list_for_each_entry_rcu(router, &t->routers, node) {
		if (router->family)
			resolve_add(l, router->ifindex, router->family,
				    &router->addr);
	}
	rcu_read_unlock();
	spin_lock_bh(&t->lock);
	for (i = 0; i < REFLECT_GATEWAY_BUCKETS; i++) {
		hlist_for_each_entry(r, &t->routes[i], node) {
			for (j = 0; j < r->count; j++)
				resolve_add(l, r->gw[j].ifindex, r->family,
					    &r->gw[j].addr);
		}
	}
	spin_unlock_bh(&t->lock);
	for (i = 0; i < l->count; i++)
		resolve_one(rn, l->a[i].ifindex, l->a[i].family, &l->a[i].addr);
	kfree(l);
}

/* Any context: the trusted routers' addresses get resolved soon. */
void reflect_trust_resolve(struct reflect_net *rn)
{
	schedule_work(&rn->trust.resolve);
}

/*
 * Under RCU: up to @max addresses of @family of trusted routers on
 * @ifindex (named by address, gateways), into @addrs; returns how many.
 */
unsigned int reflect_trust_addresses(struct reflect_net *rn, int ifindex,
				     u8 family, union reflect_addr *addrs,
				     unsigned int max)
{
	struct reflect_trust *t = &rn->trust;
	struct reflect_router *router;
	struct mirror_route *r;
	unsigned int n = 0, i, j;

	list_for_each_entry_rcu(router, &t->routers, node) {
		if (n < max && router->ifindex == ifindex &&
		    router->family == family)
			addrs[n++] = router->addr;
	}
	spin_lock_bh(&t->lock);
	for (i = 0; i < REFLECT_GATEWAY_BUCKETS; i++) {
		hlist_for_each_entry(r, &t->routes[i], node) {
			for (j = 0; r->family == family && j < r->count; j++) {
				if (n < max && r->gw[j].ifindex == ifindex)
					addrs[n++] = r->gw[j].addr;
			}
		}
	}
	spin_unlock_bh(&t->lock);
	return n;
}

int reflect_trust_init(struct reflect_net *rn, struct net *net)
{
	struct reflect_trust *t = &rn->trust;
	int i, err;

	INIT_LIST_HEAD(&t->routers);
	t->router_count = 0;
	spin_lock_init(&t->lock);
	for (i = 0; i < REFLECT_GATEWAY_BUCKETS; i++)
		INIT_HLIST_HEAD(&t->routes[i]);
	t->route_count = 0;
	atomic_set(&t->gen, 0);
	INIT_WORK(&t->resolve, resolve_work);
	t->fib_nb.notifier_call = fib_event;
	/*
	 * Without the notifier (it gives up when routes keep changing during
	 * its replay) only named next hops are routers here.
	 */
	err = register_fib_notifier(net, &t->fib_nb, fib_replay_again, NULL);
	t->fib_registered = !err;
	if (err)
		pr_warn("routing tables' gateways not followed (error %d): only named next hops are trusted\n",
			err);
	return 0;
}

static void router_free_rcu(struct rcu_head *rcu)
{
	kfree(container_of(rcu, struct reflect_router, rcu));
}

static void unlink_router(struct reflect_trust *t, struct reflect_router *r)
{
	list_del_rcu(&r->node);
	t->router_count--;
	call_rcu(&r->rcu, router_free_rcu);
	atomic_inc(&t->gen);
}

/* Namespace exit: nothing reads it any more. */
void reflect_trust_destroy(struct reflect_net *rn, struct net *net)
{
	struct reflect_trust *t = &rn->trust;
	struct reflect_router *r, *tmp;

	if (t->fib_registered)
		unregister_fib_notifier(net, &t->fib_nb);
	cancel_work_sync(&t->resolve);
	flush_routes(t);
	list_for_each_entry_safe(r, tmp, &t->routers, node)
		unlink_router(t, r);
}

static bool same_router(const struct reflect_router *a,
			const struct reflect_router *b)
{
	if (a->ifindex != b->ifindex || a->family != b->family)
		return false;
	if (!a->family)
		return ether_addr_equal(a->mac, b->mac);
	return !memcmp(&a->addr, &b->addr, reflect_addr_len(a->family));
}

/* Under RCU: whether @mac is a named next hop on @ifindex. */
bool reflect_trust_mac(struct reflect_net *rn, int ifindex, const u8 *mac)
{
	struct reflect_router *r;

	list_for_each_entry_rcu(r, &rn->trust.routers, node) {
		if (r->ifindex == ifindex && !r->family &&
		    ether_addr_equal(r->mac, mac))
			return true;
	}
	return false;
}

/* Under RTNL. */
int reflect_trust_add(struct reflect_net *rn, const struct reflect_router *r,
		      struct netlink_ext_ack *extack)
{
	struct reflect_trust *t = &rn->trust;
	struct reflect_router *n;

	ASSERT_RTNL();
	list_for_each_entry(n, &t->routers, node) {
		if (same_router(n, r)) {
			NL_SET_ERR_MSG(extack, "this next hop is already named");
			return -EEXIST;
		}
	}
	if (t->router_count >= REFLECT_NEXTHOPS_NAMED_MAX) {
		NL_SET_ERR_MSG(extack, "too many named next hops");
		return -ENOSPC;
	}
	n = kmemdup(r, sizeof(*r), GFP_KERNEL_ACCOUNT);
	if (!n)
		return -ENOMEM;
	list_add_tail_rcu(&n->node, &t->routers);
	t->router_count++;
	atomic_inc(&t->gen);
	if (n->family)
		reflect_trust_resolve(rn);
	return 0;
}

/* Under RTNL. */
int reflect_trust_del(struct reflect_net *rn, const struct reflect_router *r)
{
	struct reflect_trust *t = &rn->trust;
	struct reflect_router *n;

	ASSERT_RTNL();
	list_for_each_entry(n, &t->routers, node) {
		if (same_router(n, r)) {
			unlink_router(t, n);
			return 0;
		}
	}
	return -ENOENT;
}

/* Under RTNL: the device @ifindex is gone, and so are its named next hops. */
void reflect_trust_forget_ifindex(struct reflect_net *rn, int ifindex)
{
	struct reflect_trust *t = &rn->trust;
	struct reflect_router *r, *tmp;

	ASSERT_RTNL();
	list_for_each_entry_safe(r, tmp, &t->routers, node) {
		if (r->ifindex == ifindex)
			unlink_router(t, r);
	}
}
