// SPDX-License-Identifier: GPL-2.0
/*
 * Learning: the LOCAL_IN hook records, for each peer (in flow mode, each
 * flow) that talks to a local address through an enabled interface, the
 * interface and the source MAC address of the frame: the router that
 * handed it over. Replies then go back the same way (xmit.c).
 *
 * What teaches: a packet the host accepts for local delivery, after
 * reverse-path filtering, the INPUT firewall and DNAT (the hook runs last
 * in LOCAL_IN, before conntrack's confirmation), unicast to this host in
 * an Ethernet frame on an enabled interface (for a VRF's slave, the
 * slave), from a unicast peer address to an address of this host within
 * the scopes; neighbour discovery messages teach nothing (resolving a
 * router's address must not make entries). The key is the packet as the
 * socket sees it: after DNAT, the local address is the one replies leave
 * from. A packet dropped before LOCAL_IN, or by a LOCAL_IN hook that runs
 * earlier, teaches nothing; one dropped later (a socket filter, a full
 * receive queue) still does.
 *
 * Who may teach
 * -------------
 * Under the default policy (learn=trusted) a packet teaches only through a
 * trusted next hop (trust.c): a router, that is a gateway of one of the
 * namespace's routing tables or a next hop the administrator named, known
 * by its neighbour entry's MAC address or the MAC address named; or, for
 * a peer on the link (an address inside a prefix of the ingress
 * interface), the MAC address of that peer's own neighbour entry. A packet
 * through any other MAC address creates and moves nothing, counts
 * UNTRUSTED and is announced as such; replies to the forged address are
 * routed. A LAN host that forges a remote client's address therefore gets
 * nothing back, as without reflection. The checks are per packet, against
 * neighbour entries as they are now, so a MAC address that stops being a
 * router's (a new neighbour entry) stops teaching, and the entries it
 * taught fall back (xmit.c: fb_untrusted) until a trusted next hop teaches
 * again. learn=any, for networks that accept the risk, learns any MAC
 * address on an enabled interface: the moves below then are all that
 * stands between a forger and a client's replies.
 *
 * Between trusted next hops (a router failover) and under learn=any,
 * an entry moves as follows.
 *
 * Spoof-safe moves
 * ----------------
 * A peer's first packet creates its entry. After that, a packet that
 * arrives through another next hop (interface and source MAC address)
 * than the entry's moves the entry only when one of these holds:
 *
 *  - it comes back: the next hop is the one the entry last moved away
 *    from, within idle_timeout of that move. Its first packet takes the
 *    entry back, whatever the current next hop sends meanwhile, and the
 *    next hop so displaced gets no such right in turn. This is what a
 *    peer whose entry was taken while it was quiet needs: the replies to
 *    its first request after the silence go to its own router again;
 *  - conntrack vouches for it: the packet belongs to a TCP connection in
 *    conntrack state ESTABLISHED and proves knowledge of it: it
 *    acknowledges, carries no SYN, RST or FIN, and its sequence and
 *    acknowledgement numbers lie within the windows conntrack keeps for
 *    the connection (checked again here, under the connection's lock,
 *    and only where conntrack checks windows at all: not for
 *    connections it picked up mid-stream or with
 *    nf_conntrack_tcp_be_liberal). A forger who cannot see the
 *    connection cannot produce such a packet; a SYN on an established
 *    4-tuple, which conntrack passes as ESTABLISHED without looking at
 *    its sequence number, never vouches. Other protocols never vouch:
 *    for them conntrack checks only addresses and ports, which a forger
 *    can copy. Without nf_conntrack loaded nothing vouches (reflect.ko
 *    does not depend on it);
 *  - the new next hop is confirmed: it becomes the entry's candidate and
 *    must carry confirm_packets packets (default 4) over at least
 *    confirm_ms (default 200 ms) with no packet from the current next hop
 *    in between. A packet from the current next hop discards the
 *    candidate; one from a third next hop replaces it. While the entry
 *    keeps a next hop's right to come back, a third next hop becomes the
 *    candidate only once the current one has been quiet for confirm_ms
 *    (a second router failing too), so a forger using two MAC addresses
 *    cannot erase the right. Each packet held back so counts HELD;
 *  - the entry is stale (idle beyond idle_timeout): nothing to protect.
 *
 * Every move but a comeback happens at most once per min_move_ms
 * (default 500 ms, counted from the entry's creation or last move); a
 * move refused by that limit counts FLAPS, in the statistics and in the
 * entry, and the candidate stays. A comeback is not limited: it cannot
 * repeat without a confirmed move in between. Static entries never move.
 *
 * What the moves stop, for a host that forges a peer's address and
 * teaches (under learn=any, or a router's own MAC address):
 *  - taking the replies of a peer that is talking: every packet of the
 *    peer discards the forger's candidate;
 *  - keeping the entry of a peer that was quiet: the forger can take it
 *    after confirm_ms of silence, but the peer's next packet takes it
 *    back, however often the forger sends, and the forger must then wait
 *    for another silence of confirm_ms;
 *  - moving an entry with a blind SYN, RST or FIN on an established TCP
 *    connection (and so learning its sequence numbers from the challenge
 *    ACK that goes back).
 * What it does not stop: the replies to the forger's own packets while
 *  it holds the entry (a forged request from an address that is quiet
 *  earns its answer), the replies of a quiet peer's first request after
 *  the right to come back has lapsed (idle_timeout), and an address that
 *  has never spoken, whose first packet may be the forger's. Under
 *  learn=trusted that leaves a forger who can send with a trusted MAC
 *  address (a router, or a host that poisons the appliance's neighbour
 *  entry of a router or an on-link peer: the switch's protections, DHCP
 *  snooping with dynamic ARP inspection and RA guard, are what stops
 *  that, for routing as much as for reflection).
 *
 * Connections the appliance opens itself (config outbound, default on)
 * are reflected like replies: an NFSv4.0 callback to a client wants the
 * client's path. Under learn=trusted a LAN host cannot make an entry for
 * a server the appliance talks to, so that cannot divert them; with
 * outbound off, packets of connections this host opened (conntrack's
 * ORIGINAL direction) are routed and count fb_outbound.
 *
 * When a router fails, the peer's packets arrive only through the other
 * one and confirm it after confirm_ms, or at once for established TCP
 * with conntrack; when the first router comes back and the peer uses it
 * again, its first packet through it moves the entry back.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/netfilter.h>
#include <net/addrconf.h>
#include <net/ndisc.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/tcp.h>
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
 * Neighbour discovery (router and neighbour solicitations and
 * advertisements, redirects) serves the link, not a conversation: it
 * teaches nothing, so that resolving a router's address makes no entry.
 */
static bool neighbour_discovery(const struct sk_buff *skb, u8 family)
{
	u8 proto, type, *tp;
	int thoff;

	if (family != AF_INET6)
		return false;
	thoff = reflect_transport_offset(skb, family, &proto);
	if (thoff < 0 || proto != IPPROTO_ICMPV6)
		return false;
	tp = skb_header_pointer(skb, thoff, sizeof(type), &type);
	return tp && *tp >= NDISC_ROUTER_SOLICITATION &&
	       *tp <= NDISC_REDIRECT;
}

#if IS_ENABLED(CONFIG_NF_CONNTRACK)
/* How far an acknowledgement may lag, as nf_conntrack_proto_tcp.c bounds it. */
#define REFLECT_MAXACKWINCONST 66000

/* The TCP header of a packet, and the length of its payload. */
static const struct tcphdr *tcp_header(const struct sk_buff *skb, u8 pf,
				       struct tcphdr *buf, u32 *payload)
{
	const struct tcphdr *th;
	int thoff;
	u8 proto;

	thoff = reflect_transport_offset(skb, pf, &proto);
	if (thoff < 0 || proto != IPPROTO_TCP)
		return NULL;
	th = skb_header_pointer(skb, thoff, sizeof(*buf), buf);
	if (!th || th->doff < sizeof(*th) / 4 ||
	    skb->len < thoff + th->doff * 4)
		return NULL;
	*payload = skb->len - thoff - th->doff * 4;
	return th;
}

/*
 * Whether the segment lies within the windows conntrack keeps for its
 * connection: the tests of tcp_in_window() in nf_conntrack_proto_tcp.c,
 * made after conntrack has seen the segment (which only widens them).
 * Under the connection's lock, as conntrack updates them.
 */
static bool in_window(struct nf_conn *ct, enum ip_conntrack_dir dir,
		      const struct tcphdr *th, u32 payload)
{
	const struct ip_ct_tcp_state *sender, *receiver;
	u32 seq = ntohl(th->seq), end = seq + payload, ack = ntohl(th->ack_seq);
	u32 ackwin;
	bool ok;

	spin_lock_bh(&ct->lock);
	sender = &ct->proto.tcp.seen[dir];
	receiver = &ct->proto.tcp.seen[!dir];
	ackwin = max_t(u32, sender->td_maxwin, REFLECT_MAXACKWINCONST);
	ok = !((sender->flags | receiver->flags) & IP_CT_TCP_FLAG_BE_LIBERAL) &&
	     before(seq, sender->td_maxend + 1) &&
	     after(end, sender->td_end - receiver->td_maxwin - 1) &&
	     before(ack, receiver->td_end + 1) &&
	     after(ack, receiver->td_end - ackwin - 1);
	spin_unlock_bh(&ct->lock);
	return ok;
}
#endif

/*
 * Whether conntrack vouches for the packet (the policy at the top of this
 * file). Reads the conntrack entry with the header's inline helpers: no
 * symbol of nf_conntrack.ko is needed.
 */
static bool conntrack_vouches(struct net *net, const struct sk_buff *skb,
			      u8 pf)
{
#if IS_ENABLED(CONFIG_NF_CONNTRACK)
	enum ip_conntrack_info ctinfo;
	struct nf_conn *ct = nf_ct_get(skb, &ctinfo);
	const struct tcphdr *th;
	struct tcphdr buf;
	u32 payload;

	if (!ct || (ctinfo != IP_CT_ESTABLISHED &&
		    ctinfo != IP_CT_ESTABLISHED_REPLY) ||
	    nf_ct_protonum(ct) != IPPROTO_TCP ||
	    READ_ONCE(ct->proto.tcp.state) != TCP_CONNTRACK_ESTABLISHED ||
	    READ_ONCE(net->ct.nf_ct_proto.tcp.tcp_be_liberal))
		return false;
	th = tcp_header(skb, pf, &buf, &payload);
	if (!th || !th->ack || th->syn || th->rst || th->fin)
		return false;
	return in_window(ct, CTINFO2DIR(ctinfo), th, payload);
#else
	return false;
#endif
}

/* Whether @e still keeps the right of the next hop it left to come back. */
static bool may_return(struct reflect_net *rn, const struct reflect_entry *e)
{
	return (READ_ONCE(e->flags) & REFLECT_ENTRY_F_RETURN) &&
	       reflect_now() - READ_ONCE(e->last_move) <=
			READ_ONCE(rn->config.idle_timeout) * HZ;
}

/*
 * The fast path: a packet through the entry's own next hop. It also
 * discards a pending candidate (not a right to come back, until it
 * lapses), which is rare enough for the lock.
 */
static void refresh(struct reflect_net *rn, struct reflect_entry *e,
		    enum reflect_stat hook)
{
	u32 now = reflect_now();
	u8 flags = READ_ONCE(e->flags);

	/* Written once per jiffy at most: the line stays shared. */
	if (READ_ONCE(e->last_seen) != now)
		WRITE_ONCE(e->last_seen, now);
	if ((flags & REFLECT_ENTRY_F_CANDIDATE) &&
	    (!(flags & REFLECT_ENTRY_F_RETURN) || !may_return(rn, e))) {
		spinlock_t *lock = reflect_table_lock(rn, e);

		WRITE_ONCE(e->flags, e->flags & ~(REFLECT_ENTRY_F_CANDIDATE |
						  REFLECT_ENTRY_F_RETURN));
		spin_unlock_bh(lock);
	}
	reflect_count_packet(rn, e->iface, e->local, hook,
			     REFLECT_STAT_REFRESHED);
}

static bool is_candidate(const struct reflect_entry *e,
			 const struct reflect_iface *iface, const u8 *lladdr)
{
	return (e->flags & REFLECT_ENTRY_F_CANDIDATE) &&
	       e->cand.ifindex == iface->ifindex &&
	       ether_addr_equal(e->cand.lladdr, lladdr);
}

/*
 * Under the bucket lock: counts a packet for the candidate @iface/@lladdr,
 * which a third next hop replaces unless the entry keeps a right to come
 * back and its current next hop is not quiet.
 */
static bool candidate_confirmed(struct reflect_net *rn, struct reflect_entry *e,
				const struct reflect_iface *iface,
				const u8 *lladdr, u32 now)
{
	u32 confirm = msecs_to_jiffies(READ_ONCE(rn->config.confirm_ms));

	if (!is_candidate(e, iface, lladdr)) {
		if (may_return(rn, e) && reflect_entry_idle(e) < confirm)
			return false;
		e->cand.ifindex = iface->ifindex;
		ether_addr_copy(e->cand.lladdr, lladdr);
		e->cand.since = now;
		e->cand.packets = 0;
		WRITE_ONCE(e->flags, (e->flags | REFLECT_ENTRY_F_CANDIDATE) &
				     ~REFLECT_ENTRY_F_RETURN);
	}
	if (e->cand.packets < U16_MAX)
		e->cand.packets++;

	return e->cand.packets >= READ_ONCE(rn->config.confirm_packets) &&
	       now - e->cand.since >= confirm;
}

enum reflect_verdict {
	REFLECT_HOLD,		/* the entry stays */
	REFLECT_MOVE,		/* rate-limited by min_move_ms */
	REFLECT_COME_BACK,	/* to the next hop it left */
};

/*
 * Under the bucket lock: whether the packet through @iface/@lladdr earns
 * @e a move (the policy at the top of this file).
 */
static enum reflect_verdict judge(struct reflect_net *rn,
				  struct reflect_entry *e,
				  const struct reflect_iface *iface,
				  const u8 *lladdr, const struct sk_buff *skb,
				  const struct nf_hook_state *state, u32 now)
{
	if (e->flags & REFLECT_ENTRY_F_STATIC)
		return REFLECT_HOLD;
	if (is_candidate(e, iface, lladdr) && may_return(rn, e))
		return REFLECT_COME_BACK;
	if (reflect_entry_idle(e) > READ_ONCE(rn->config.idle_timeout) * HZ ||
	    conntrack_vouches(state->net, skb, state->pf) ||
	    candidate_confirmed(rn, e, iface, lladdr, now))
		return REFLECT_MOVE;
	return REFLECT_HOLD;
}

/*
 * Announces a packet that did not teach: @type (UNTRUSTED, HOLD), with
 * the key and the next hop @iface/@lladdr it came through.
 */
static void announce_refusal(struct reflect_net *rn, enum reflect_event type,
			     const struct reflect_key *key,
			     struct reflect_iface *iface, const u8 *lladdr)
{
	struct reflect_entry refused = { .key = *key, .iface = iface };

	ether_addr_copy(refused.lladdr, lladdr);
	refused.last_seen = reflect_now();
	reflect_event(rn, type, &refused);
}

/* A packet through another next hop than @e's. */
static void consider_move(struct reflect_net *rn, struct reflect_entry *e,
			  struct reflect_iface *iface, const u8 *lladdr,
			  const struct sk_buff *skb,
			  const struct nf_hook_state *state)
{
	u32 now = reflect_now();
	spinlock_t *lock;	/* @e's bucket */

	lock = reflect_table_lock(rn, e);
	/* Moved or removed meanwhile: the next packet sees the new state. */
	if (e->flags & REFLECT_ENTRY_F_DEAD)
		goto out;

	switch (judge(rn, e, iface, lladdr, skb, state, now)) {
	case REFLECT_HOLD:
		reflect_count(rn, iface, e->local, REFLECT_STAT_HELD, 1);
		announce_refusal(rn, REFLECT_EVENT_HOLD, &e->key, iface, lladdr);
		break;
	case REFLECT_COME_BACK:
		reflect_table_move(rn, e, iface, lladdr, false);
		break;
	case REFLECT_MOVE:
		if (now - e->last_move <
		    msecs_to_jiffies(READ_ONCE(rn->config.min_move_ms))) {
			WRITE_ONCE(e->flaps, reflect_inc_saturating(e->flaps));
			reflect_count(rn, iface, e->local, REFLECT_STAT_FLAPS, 1);
			reflect_event(rn, REFLECT_EVENT_FLAP, e);
			break;
		}
		reflect_table_move(rn, e, iface, lladdr, true);
		break;
	}
out:
	spin_unlock_bh(lock);
}

/*
 * The device a packet came in on: for a VRF's slave, the slave, where
 * LOCAL_IN sees the VRF device.
 */
static struct net_device *ingress_device(struct sk_buff *skb,
					 const struct nf_hook_state *state)
{
	int sdif = state->pf == NFPROTO_IPV4 ? inet_sdif(skb) : inet6_sdif(skb);

	return sdif ? dev_get_by_index_rcu(state->net, sdif) : state->in;
}

unsigned int reflect_learn_hook(void *priv, struct sk_buff *skb,
				const struct nf_hook_state *state)
{
	struct reflect_net *rn = reflect_net(state->net);
	struct reflect_iface *iface;
	struct net_device *dev;
	struct reflect_entry *e;
	struct reflect_key key;
	const u8 *lladdr;
	int config_gen;
	/*
	 * Counted with the outcome where that is the packet's last word (a
	 * refresh, a skip): one pass over the counters for most packets.
	 */
	enum reflect_stat hook = state->pf == NFPROTO_IPV4 ?
				 REFLECT_STAT_PRE_IPV4 : REFLECT_STAT_PRE_IPV6;

	if (!READ_ONCE(rn->config.enabled))
		goto count;
	dev = ingress_device(skb, state);
	if (!dev)
		goto count;
	iface = reflect_iface_find(&rn->ifaces, dev->ifindex);
	if (!iface)
		goto count;

	lladdr = frame_source(skb, dev);
	if (!lladdr)
		goto skip;
	/* The IP layer has checked the header and its version. */
	reflect_key_from_skb(&key, skb, state->pf, true,
			     READ_ONCE(rn->config.mode) == REFLECT_MODE_FLOW);
	key.domain = reflect_key_domain(key.family, &key.peer, dev);

	/* Look up first: most packets only refresh their entry. */
	e = reflect_table_lookup(rn, &key);
	if (e && reflect_same_next_hop(e, iface, lladdr)) {
		refresh(rn, e, hook);
		return NF_ACCEPT;
	}

	/* Read before the scope: table.c refuses the insert if it changed. */
	config_gen = atomic_read_acquire(&rn->config_gen);
	if (!learnable(state->net, dev, &key) ||
	    !reflect_scope_allows(&rn->scopes, key.family, &key.local) ||
	    neighbour_discovery(skb, key.family))
		goto skip;
	if (READ_ONCE(rn->config.learn) == REFLECT_LEARN_TRUSTED &&
	    !reflect_nexthop_trusted(rn, iface, dev, key.family, lladdr,
				     &key.peer)) {
		reflect_count_packet(rn, iface, NULL, hook,
				     REFLECT_STAT_UNTRUSTED);
		announce_refusal(rn, REFLECT_EVENT_UNTRUSTED, &key, iface,
				 lladdr);
		return NF_ACCEPT;
	}
	/* Learning and moving count their own outcomes. */
	reflect_count_packet(rn, NULL, NULL, hook, REFLECT_STAT_NONE);
	if (e)
		consider_move(rn, e, iface, lladdr, skb, state);
	else
		reflect_table_insert(rn, &key, iface, lladdr, config_gen);
	return NF_ACCEPT;

skip:
	reflect_count_packet(rn, iface, NULL, hook, REFLECT_STAT_SKIPPED);
	return NF_ACCEPT;
count:
	reflect_count_packet(rn, NULL, NULL, hook, REFLECT_STAT_NONE);
	return NF_ACCEPT;
}
