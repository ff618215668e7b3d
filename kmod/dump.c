// SPDX-License-Identifier: GPL-2.0
/*
 * Replies of the REFLECT family: the counter sets, and the dumps of
 * interfaces, entries, local addresses and scope prefixes.
 *
 * Dumps walk their lists under RCU and resume from cb->args; a part is
 * flagged NLM_F_DUMP_INTR when the generation (table.generation for
 * entries and local addresses, config_gen for interfaces and scopes)
 * changed since the previous part.
 */
#include <linux/etherdevice.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "dump.h"
#include "netlink.h"
#include "reflect.h"
#include "request.h"
#include "uapi/reflect.h"

static struct nlattr **dump_attrs(struct netlink_callback *cb)
{
#ifdef REFLECT_HAVE_GENL_INFO_DUMP
	return genl_info_dump(cb)->attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

static struct reflect_net *dump_net(struct netlink_callback *cb)
{
	return reflect_net(sock_net(cb->skb->sk));
}

static int put_addr(struct sk_buff *msg, int type, u8 family,
		    const union reflect_addr *addr)
{
	return nla_put(msg, type, reflect_addr_len(family), addr);
}

/* The namespace's set: every counter, ENTRIES among them. */
size_t reflect_dump_stats_size(void)
{
	return nla_total_size(0) +
	       REFLECT_STAT_COUNT * nla_total_size_64bit(sizeof(u64));
}

/*
 * @rn: the namespace's set, with the hook counters and ENTRIES, or NULL
 * for an interface's or local address's, which lack them.
 */
int reflect_dump_stats(struct sk_buff *msg,
		       struct reflect_stats __percpu *stats,
		       const struct reflect_net *rn)
{
	u64 sum[REFLECT_STAT_COUNT];
	struct nlattr *nest;
	int i;

	nest = nla_nest_start(msg, REFLECT_A_STATS);
	if (!nest)
		return -EMSGSIZE;

	reflect_stats_sum(stats, sum);
	for (i = 0; i < REFLECT_STAT_COUNT; i++) {
		if ((!rn && i < REFLECT_STAT_LEARNED) ||
		    i == REFLECT_STAT_ENTRIES)
			continue;
		if (nla_put_u64_64bit(msg, reflect_stat_attr(i), sum[i],
				      REFLECT_STATS_A_PAD))
			return -EMSGSIZE;
	}
	if (rn && nla_put_u64_64bit(msg, REFLECT_STATS_A_ENTRIES,
				    atomic_read(&rn->table.count),
				    REFLECT_STATS_A_PAD))
		return -EMSGSIZE;

	nla_nest_end(msg, nest);
	return 0;
}

/* Starts one message of a dump; the caller ends or cancels it. */
static void *dump_put(struct sk_buff *skb, struct netlink_callback *cb,
		      u8 cmd)
{
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &reflect_netlink_family, NLM_F_MULTI, cmd);
	if (hdr)
		genl_dump_check_consistent(cb, hdr);
	return hdr;
}

static int dump_end(struct sk_buff *skb, void *hdr, int err)
{
	if (err) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/*
 * Dumps a hash of RCU hlists with no request attributes, one message per
 * node that @put writes; cb->args[0] counts the nodes already sent, and a
 * change of the list shows through @gen (the dump's consistency check).
 */
static int dump_hash(struct sk_buff *skb, struct netlink_callback *cb,
		     struct hlist_head *heads, unsigned int buckets,
		     const atomic_t *gen,
		     int (*put)(struct sk_buff *skb,
				struct netlink_callback *cb,
				const struct hlist_node *node))
{
	long skip = cb->args[0], n = 0;
	struct hlist_node *node;
	unsigned int i;
	int err;

	err = reflect_request_only_attrs(dump_attrs(cb), 0, cb->extack);
	if (err)
		return err;

	rcu_read_lock();
	cb->seq = atomic_read(gen);
	for (i = 0; i < buckets; i++) {
		__hlist_for_each_rcu(node, &heads[i]) {
			if (n >= skip && put(skb, cb, node))
				goto out;
			n++;
		}
	}
out:
	rcu_read_unlock();
	cb->args[0] = n;
	return skb->len;
}

static int put_iface(struct sk_buff *skb, struct netlink_callback *cb,
		     const struct hlist_node *node)
{
	const struct reflect_iface *iface =
		hlist_entry(node, struct reflect_iface, node);
	struct net_device *dev;
	void *hdr;

	hdr = dump_put(skb, cb, REFLECT_CMD_GET_IFACE);
	if (!hdr)
		return -EMSGSIZE;
	dev = dev_get_by_index_rcu(sock_net(cb->skb->sk), iface->ifindex);
	return dump_end(skb, hdr,
			nla_put_u32(skb, REFLECT_A_IFINDEX, iface->ifindex) ||
			(dev && nla_put_string(skb, REFLECT_A_IFNAME,
					       dev->name)) ||
			reflect_dump_stats(skb, iface->stats, NULL));
}

int reflect_dump_ifaces(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct reflect_net *rn = dump_net(cb);

	return dump_hash(skb, cb, rn->ifaces.heads, REFLECT_IFACE_BUCKETS,
			 &rn->config_gen, put_iface);
}

static int put_entry_attrs(struct sk_buff *skb, struct reflect_net *rn,
			   const struct reflect_entry *e)
{
	const struct reflect_key *k = &e->key;
	u32 idle = reflect_entry_idle(e);
	u32 flags = READ_ONCE(e->flags) & REFLECT_ENTRY_F_STATIC;

	if (!(flags & REFLECT_ENTRY_F_STATIC) &&
	    idle > READ_ONCE(rn->config.idle_timeout) * HZ)
		flags |= REFLECT_ENTRY_F_STALE;

	if (nla_put_u8(skb, REFLECT_ENTRY_A_FAMILY, k->family) ||
	    put_addr(skb, REFLECT_ENTRY_A_LOCAL, k->family, &k->local) ||
	    put_addr(skb, REFLECT_ENTRY_A_PEER, k->family, &k->peer))
		return -EMSGSIZE;
	if (k->proto &&
	    (nla_put_u8(skb, REFLECT_ENTRY_A_PROTO, k->proto) ||
	     nla_put_u16(skb, REFLECT_ENTRY_A_LOCAL_PORT, ntohs(k->local_port)) ||
	     nla_put_u16(skb, REFLECT_ENTRY_A_PEER_PORT, ntohs(k->peer_port))))
		return -EMSGSIZE;
	if (nla_put_u32(skb, REFLECT_ENTRY_A_IFINDEX, e->iface->ifindex) ||
	    nla_put(skb, REFLECT_ENTRY_A_LLADDR, ETH_ALEN, e->lladdr) ||
	    nla_put_u32(skb, REFLECT_ENTRY_A_IDLE_MS, jiffies_to_msecs(idle)) ||
	    nla_put_u32(skb, REFLECT_ENTRY_A_FLAGS, flags) ||
	    nla_put_u32(skb, REFLECT_ENTRY_A_MOVES, READ_ONCE(e->moves)) ||
	    nla_put_u32(skb, REFLECT_ENTRY_A_FLAPS, READ_ONCE(e->flaps)) ||
	    nla_put_u64_64bit(skb, REFLECT_ENTRY_A_PACKETS,
			      atomic64_read(&e->packets), REFLECT_ENTRY_A_PAD) ||
	    nla_put_u32(skb, REFLECT_ENTRY_A_DOMAIN, k->domain))
		return -EMSGSIZE;
	return 0;
}

/* Upper bound of reflect_dump_entry()'s size. */
size_t reflect_dump_entry_size(void)
{
	return nla_total_size(0) +			/* REFLECT_A_ENTRY */
	       nla_total_size(sizeof(u8)) * 2 +	/* FAMILY, PROTO */
	       nla_total_size(sizeof(struct in6_addr)) * 2 +
	       nla_total_size(sizeof(u16)) * 2 +	/* ports */
	       nla_total_size(sizeof(u32)) * 6 +	/* IFINDEX .. FLAPS, DOMAIN */
	       nla_total_size(ETH_ALEN) +
	       nla_total_size_64bit(sizeof(u64));	/* PACKETS */
}

/* REFLECT_A_ENTRY, as dumps and events send it. */
int reflect_dump_entry(struct sk_buff *msg, struct reflect_net *rn,
		       const struct reflect_entry *e)
{
	struct nlattr *nest = nla_nest_start(msg, REFLECT_A_ENTRY);

	if (!nest || put_entry_attrs(msg, rn, e))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int put_entry(struct sk_buff *skb, struct netlink_callback *cb,
		     struct reflect_net *rn, const struct reflect_entry *e)
{
	void *hdr = dump_put(skb, cb, REFLECT_CMD_GET_ENTRY);

	if (!hdr)
		return -EMSGSIZE;
	return dump_end(skb, hdr, reflect_dump_entry(skb, rn, e));
}

/*
 * cb->args[0]: the bucket to continue in; [1]: entries of it already
 * seen, non-zero only after a bucket too large for one message.
 *
 * A part holds whole buckets: when a bucket does not fit after others,
 * what it wrote is trimmed and the next part starts with it. So an entry
 * is sent once even when entries are added or removed between parts
 * (resuming by position inside a changed bucket would repeat or skip).
 */
#define DUMP_BUCKETS_PER_RCU	64

int reflect_dump_entries(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct reflect_net *rn = dump_net(cb);
	unsigned long bucket = cb->args[0], skip = cb->args[1], pos;
	struct reflect_entry_filter f;
	struct reflect_buckets *b;
	struct reflect_entry *e;
	unsigned char *mark;
	int err;

	err = reflect_request_parse_filter(dump_attrs(cb), &f, cb->extack);
	if (err)
		return err;

	rcu_read_lock();
	b = rcu_dereference(rn->table.buckets);
	if (!b)
		goto out;
	cb->seq = atomic_read(&rn->table.generation);
	for (; bucket <= b->mask; bucket++, skip = 0) {
		/*
		 * A filter that matches little walks much of the table for one
		 * message: the RCU section ends every DUMP_BUCKETS_PER_RCU
		 * buckets, and the dump may sleep in between (it runs in the
		 * reader's process context). The buckets live as long as the
		 * namespace, which the reader's socket keeps.
		 */
		if (bucket % DUMP_BUCKETS_PER_RCU == DUMP_BUCKETS_PER_RCU - 1) {
			rcu_read_unlock();
			cond_resched();
			rcu_read_lock();
		}
		pos = 0;
		mark = skb_tail_pointer(skb);
		hlist_for_each_entry_rcu(e, &b->heads[bucket], node) {
			if (pos++ < skip || !reflect_filter_match(&f, e))
				continue;
			if (!put_entry(skb, cb, rn, e))
				continue;
			if (mark != skb->data) {
				nlmsg_trim(skb, mark);
				skip = 0;
			} else {
				skip = pos - 1;
			}
			goto out;
		}
	}
out:
	rcu_read_unlock();
	cb->args[0] = bucket;
	cb->args[1] = skip;
	return skb->len;
}

static int put_local(struct sk_buff *skb, struct netlink_callback *cb,
		     const struct hlist_node *node)
{
	const struct reflect_local *local =
		hlist_entry(node, struct reflect_local, node);
	struct nlattr *nest;
	void *hdr;

	hdr = dump_put(skb, cb, REFLECT_CMD_GET_LOCAL);
	if (!hdr)
		return -EMSGSIZE;
	nest = nla_nest_start(skb, REFLECT_A_ENTRY);
	if (!nest ||
	    nla_put_u8(skb, REFLECT_ENTRY_A_FAMILY, local->family) ||
	    put_addr(skb, REFLECT_ENTRY_A_LOCAL, local->family, &local->addr))
		return dump_end(skb, hdr, -EMSGSIZE);
	nla_nest_end(skb, nest);
	return dump_end(skb, hdr,
			reflect_dump_stats(skb, local->stats, NULL));
}

int reflect_dump_locals(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct reflect_net *rn = dump_net(cb);

	return dump_hash(skb, cb, rn->locals.heads, REFLECT_LOCAL_BUCKETS,
			 &rn->table.generation, put_local);
}

static int put_scope(struct sk_buff *skb, struct netlink_callback *cb,
		     const struct list_head *node)
{
	const struct reflect_scope *s = list_entry(node, struct reflect_scope,
						   list);
	struct nlattr *nest;
	void *hdr;

	hdr = dump_put(skb, cb, REFLECT_CMD_GET_SCOPE);
	if (!hdr)
		return -EMSGSIZE;
	nest = nla_nest_start(skb, REFLECT_A_SCOPE);
	if (!nest ||
	    nla_put_u8(skb, REFLECT_SCOPE_A_FAMILY, s->family) ||
	    put_addr(skb, REFLECT_SCOPE_A_ADDR, s->family, &s->addr) ||
	    nla_put_u8(skb, REFLECT_SCOPE_A_PREFIXLEN, s->prefixlen) ||
	    nla_put_u8(skb, REFLECT_SCOPE_A_ACTION, s->action))
		return dump_end(skb, hdr, -EMSGSIZE);
	nla_nest_end(skb, nest);
	return dump_end(skb, hdr, 0);
}

/*
 * Dumps an RCU list with no request attributes, one message per node that
 * @put writes; cb->args[0] counts the nodes already sent, and a change of
 * the list shows through @gen.
 */
static int dump_list(struct sk_buff *skb, struct netlink_callback *cb,
		     struct list_head *head, const atomic_t *gen,
		     int (*put)(struct sk_buff *skb,
				struct netlink_callback *cb,
				const struct list_head *node))
{
	long skip = cb->args[0], n = 0;
	struct list_head *node;
	int err;

	err = reflect_request_only_attrs(dump_attrs(cb), 0, cb->extack);
	if (err)
		return err;

	rcu_read_lock();
	cb->seq = atomic_read(gen);
	for (node = rcu_dereference(list_next_rcu(head)); node != head;
	     node = rcu_dereference(list_next_rcu(node))) {
		if (n >= skip && put(skb, cb, node))
			break;
		n++;
	}
	rcu_read_unlock();
	cb->args[0] = n;
	return skb->len;
}

int reflect_dump_scopes(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct reflect_net *rn = dump_net(cb);

	return dump_list(skb, cb, &rn->scopes.list, &rn->config_gen, put_scope);
}

static int put_nexthop(struct sk_buff *skb, struct netlink_callback *cb,
		       const struct list_head *node)
{
	const struct reflect_router *r = list_entry(node, struct reflect_router,
						    node);
	struct nlattr *nest;
	void *hdr;

	hdr = dump_put(skb, cb, REFLECT_CMD_GET_NEXTHOP);
	if (!hdr)
		return -EMSGSIZE;
	nest = nla_nest_start(skb, REFLECT_A_NEXTHOP);
	if (!nest ||
	    nla_put_u32(skb, REFLECT_NEXTHOP_A_IFINDEX, r->ifindex) ||
	    nla_put_u8(skb, REFLECT_NEXTHOP_A_FAMILY,
		       r->family ?: AF_PACKET) ||
	    (r->family ?
	     put_addr(skb, REFLECT_NEXTHOP_A_ADDR, r->family, &r->addr) :
	     nla_put(skb, REFLECT_NEXTHOP_A_LLADDR, ETH_ALEN, r->mac)))
		return dump_end(skb, hdr, -EMSGSIZE);
	nla_nest_end(skb, nest);
	return dump_end(skb, hdr, 0);
}

int reflect_dump_nexthops(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct reflect_net *rn = dump_net(cb);

	return dump_list(skb, cb, &rn->trust.routers, &rn->trust.gen,
			 put_nexthop);
}
