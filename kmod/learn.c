// SPDX-License-Identifier: GPL-2.0
/*
 * Learning: the PREROUTING hook records, for each peer (in flow mode, each
 * flow) that talks to a local address through an enabled interface, the
 * interface and the source MAC address of the frame: the router that
 * handed it over. Replies then go back the same way (xmit.c).
 *
 * Spoof-safe learning
 * -------------------
 * A peer's first packet creates its entry. After that, a packet that
 * arrives through another next hop (interface and source MAC address)
 * than the entry's moves the entry only when one of these holds:
 *
 *  - conntrack vouches for it: the packet belongs to a TCP connection in
 *    conntrack state ESTABLISHED (either direction). Conntrack checks TCP
 *    sequence windows and leaves out-of-window packets without an entry,
 *    so a forger who cannot see the connection cannot produce such a
 *    packet. Other protocols never vouch: for them conntrack checks only
 *    addresses and ports, which a forger can copy. Without nf_conntrack
 *    loaded nothing vouches (reflect.ko does not depend on it);
 *  - the new next hop is confirmed: it becomes the entry's candidate and
 *    must carry confirm_packets packets (default 4) over at least
 *    confirm_ms (default 200 ms) with no packet from the current next hop
 *    in between. A packet from the current next hop discards the
 *    candidate; one from a third next hop replaces it. Each packet held
 *    back so counts HELD;
 *  - the entry is stale (idle beyond idle_timeout): nothing to protect.
 *
 * In every case an entry moves at most once per min_move_ms (default
 * 500 ms, counted from its creation or last move); a move refused by that
 * limit counts FLAPS, in the statistics and in the entry, and the
 * candidate stays. Static entries never move.
 *
 * So a host on the LAN that forges the address of a peer which is talking
 * cannot take its replies: every packet of the real peer resets the
 * forger's candidate. A silent peer's entry can be taken after confirm_ms,
 * and is taken back the same way once the peer talks again. When a router
 * fails, the peer's packets arrive only through the other one and confirm
 * it after confirm_ms, or at once for established TCP with conntrack.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/netfilter.h>
#include <net/addrconf.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/route.h>

#include "reflect.h"
#include "uapi/reflect.h"

/*
 * The frame's source MAC address, if the packet can be learned from: an
 * Ethernet-like device (VLAN, bond and bridge devices are) with the
 * Ethernet header still in front of the IP header, unicast to this host.
 */
static const u8 *frame_source(const struct sk_buff *skb,
			      const struct net_device *dev)
{
	const u8 *src;

	if (dev->type != ARPHRD_ETHER || dev->addr_len != ETH_ALEN ||
	    skb->pkt_type != PACKET_HOST || !skb_mac_header_was_set(skb) ||
	    skb_mac_header(skb) + ETH_HLEN > skb_network_header(skb))
		return NULL;
	src = eth_hdr(skb)->h_source;
	return is_valid_ether_addr(src) ? src : NULL;
}

/* The peer is a unicast host and the local address one of ours. */
static bool learnable(struct net *net, const struct net_device *dev,
		      const struct reflect_key *key)
{
	if (key->family == AF_INET) {
		__be32 peer = key->peer.ip;

		if (ipv4_is_zeronet(peer) || ipv4_is_multicast(peer) ||
		    ipv4_is_lbcast(peer) || ipv4_is_loopback(peer))
			return false;
		return inet_addr_type_dev_table(net, dev, key->local.ip) ==
		       RTN_LOCAL;
	}
	if (ipv6_addr_type(&key->peer.ip6) &
	    (IPV6_ADDR_ANY | IPV6_ADDR_MULTICAST | IPV6_ADDR_LOOPBACK))
		return false;
	return !ipv6_addr_is_multicast(&key->local.ip6) &&
	       ipv6_chk_addr(net, &key->local.ip6, NULL, 0);
}

/*
 * Reads only skb->_nfct and the conntrack entry it points to, with the
 * header's inline helpers: no symbol of nf_conntrack.ko is needed.
 */
static bool conntrack_vouches(const struct sk_buff *skb)
{
#if IS_ENABLED(CONFIG_NF_CONNTRACK)
	enum ip_conntrack_info ctinfo;
	const struct nf_conn *ct = nf_ct_get(skb, &ctinfo);

	if (!ct || (ctinfo != IP_CT_ESTABLISHED &&
		    ctinfo != IP_CT_ESTABLISHED_REPLY))
		return false;
	return nf_ct_protonum(ct) == IPPROTO_TCP &&
	       READ_ONCE(ct->proto.tcp.state) == TCP_CONNTRACK_ESTABLISHED;
#else
	return false;
#endif
}

/*
 * The fast path: a packet through the entry's own next hop. It also
 * discards a pending candidate, which is rare enough for the lock.
 */
static void refresh(struct reflect_net *rn, struct reflect_entry *e,
		    enum reflect_stat hook)
{
	u32 now = reflect_now();

	/* Written once per jiffy at most: the line stays shared. */
	if (READ_ONCE(e->last_seen) != now)
		WRITE_ONCE(e->last_seen, now);
	if (READ_ONCE(e->flags) & REFLECT_ENTRY_F_CANDIDATE) {
		spinlock_t *lock = reflect_table_lock(rn, e);

		WRITE_ONCE(e->flags, e->flags & ~REFLECT_ENTRY_F_CANDIDATE);
		spin_unlock_bh(lock);
	}
	reflect_count_packet(rn, e->iface, e->local, hook,
			     REFLECT_STAT_REFRESHED);
}

/* Under the bucket lock: counts a packet for the candidate @iface/@lladdr. */
static bool candidate_confirmed(struct reflect_net *rn, struct reflect_entry *e,
				const struct reflect_iface *iface,
				const u8 *lladdr, u32 now)
{
	if (!(e->flags & REFLECT_ENTRY_F_CANDIDATE) ||
	    e->cand.ifindex != iface->ifindex ||
	    !ether_addr_equal(e->cand.lladdr, lladdr)) {
		e->cand.ifindex = iface->ifindex;
		ether_addr_copy(e->cand.lladdr, lladdr);
		e->cand.since = now;
		e->cand.packets = 0;
		WRITE_ONCE(e->flags, e->flags | REFLECT_ENTRY_F_CANDIDATE);
	}
	if (e->cand.packets < U16_MAX)
		e->cand.packets++;

	return e->cand.packets >= READ_ONCE(rn->config.confirm_packets) &&
	       now - e->cand.since >=
			msecs_to_jiffies(READ_ONCE(rn->config.confirm_ms));
}

/*
 * Under the bucket lock: whether the packet through @iface/@lladdr earns
 * @e a move, the rate limit aside (the policy at the top of this file).
 */
static bool convinced(struct reflect_net *rn, struct reflect_entry *e,
		      const struct reflect_iface *iface, const u8 *lladdr,
		      const struct sk_buff *skb, u32 now)
{
	if (e->flags & REFLECT_ENTRY_F_STATIC)
		return false;
	if (reflect_entry_idle(e) > READ_ONCE(rn->config.idle_timeout) * HZ)
		return true;
	return conntrack_vouches(skb) ||
	       candidate_confirmed(rn, e, iface, lladdr, now);
}

/* A packet through another next hop than @e's. */
static void consider_move(struct reflect_net *rn, struct reflect_entry *e,
			  struct reflect_iface *iface, const u8 *lladdr,
			  const struct sk_buff *skb)
{
	u32 now = reflect_now();
	spinlock_t *lock;	/* @e's bucket */

	lock = reflect_table_lock(rn, e);
	/* Moved or removed meanwhile: the next packet sees the new state. */
	if (e->flags & REFLECT_ENTRY_F_DEAD)
		goto out;

	if (!convinced(rn, e, iface, lladdr, skb, now)) {
		reflect_count(rn, iface, e->local, REFLECT_STAT_HELD, 1);
		goto out;
	}
	if (now - e->last_move <
	    msecs_to_jiffies(READ_ONCE(rn->config.min_move_ms))) {
		WRITE_ONCE(e->flaps, e->flaps + 1);
		reflect_count(rn, iface, e->local, REFLECT_STAT_FLAPS, 1);
		reflect_event(rn, REFLECT_EVENT_FLAP, e);
		goto out;
	}
	reflect_table_move(rn, e, iface, lladdr);
out:
	spin_unlock_bh(lock);
}

unsigned int reflect_learn_hook(void *priv, struct sk_buff *skb,
				const struct nf_hook_state *state)
{
	struct reflect_net *rn = reflect_net(state->net);
	struct net_device *dev = state->in;
	struct reflect_iface *iface;
	struct reflect_entry *e;
	struct reflect_key key;
	const u8 *lladdr;
	/*
	 * Counted with the outcome where that is the packet's last word (a
	 * refresh, a skip): one pass over the counters for most packets.
	 */
	enum reflect_stat hook = state->pf == NFPROTO_IPV4 ?
				 REFLECT_STAT_PRE_IPV4 : REFLECT_STAT_PRE_IPV6;

	if (!READ_ONCE(rn->config.enabled))
		goto count;
	iface = reflect_iface_find(&rn->ifaces, dev->ifindex);
	if (!iface)
		goto count;

	lladdr = frame_source(skb, dev);
	if (!lladdr)
		goto skip;
	/* PREROUTING's IP layer has checked the header and its version. */
	reflect_key_from_skb(&key, skb, state->pf, true,
			     READ_ONCE(rn->config.mode) == REFLECT_MODE_FLOW);

	/* Look up first: most packets only refresh their entry. */
	e = reflect_table_lookup(rn, &key);
	if (e && reflect_same_next_hop(e, iface, lladdr)) {
		refresh(rn, e, hook);
		return NF_ACCEPT;
	}

	if (!learnable(state->net, dev, &key) ||
	    !reflect_scope_allows(&rn->scopes, key.family, &key.local))
		goto skip;
	/* Learning and moving count their own outcomes. */
	reflect_count_packet(rn, NULL, NULL, hook, REFLECT_STAT_COUNT);
	if (e)
		consider_move(rn, e, iface, lladdr, skb);
	else
		reflect_table_insert(rn, &key, iface, lladdr);
	return NF_ACCEPT;

skip:
	reflect_count_packet(rn, iface, NULL, hook, REFLECT_STAT_SKIPPED);
	return NF_ACCEPT;
count:
	reflect_count_packet(rn, NULL, NULL, hook, REFLECT_STAT_COUNT);
	return NF_ACCEPT;
}
