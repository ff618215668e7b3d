// SPDX-License-Identifier: GPL-2.0
/*
 * Reflection: the LOCAL_OUT hook gives a locally generated packet whose
 * peer (in flow mode, flow) has a fresh entry a route through the learned
 * interface and next hop (nexthop.c), in place of the one the routing
 * table chose, and lets it go on: the hook only ever returns NF_ACCEPT.
 *
 * The packet then takes the stack's own output path, dst_output(), as a
 * routed packet does: the other LOCAL_OUT hooks after this one,
 * POSTROUTING with the learned device as output device (nftables and
 * iptables rules, SNAT and masquerading, conntrack confirmation,
 * NFQUEUE), IPsec policies that apply after NAT, cgroup BPF egress
 * programs, the IP MIB counters, fragmentation to the device's MTU (path
 * MTU as routing has it: sockets size their packets from their own
 * route), GSO segmentation where the device cannot take it, the
 * neighbour lookup that writes the link-layer header, the qdisc, and
 * every error back to the sender (a POSTROUTING drop is EPERM to the
 * socket, congestion is NET_XMIT_CN to TCP). Nothing rides in skb->cb.
 *
 * The hook runs last in LOCAL_OUT (NF_IP_PRI_LAST): after mangle, DNAT
 * and whatever else re-routes the packet, so no later re-route undoes the
 * choice. In a VRF the packet passes LOCAL_OUT twice: first with the VRF
 * device as output device (vrf_ip_out(), the packet not yet tracked),
 * then with its route through the slave. Only the second pass reflects,
 * so conntrack sees the packet as it sees a routed one.
 *
 * Anything doubtful falls back to normal routing, counted by reason:
 * reflection never drops a packet that routing would have sent.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <net/dst.h>
#include <net/inet_connection_sock.h>
#include <net/ip.h>
#include <net/ip6_fib.h>
#include <net/ipv6.h>
#include <net/netfilter/nf_conntrack.h>
#include <net/route.h>
#include <net/rtnetlink.h>

#include "reflect.h"
#include "uapi/reflect.h"

/*
 * Ethernet-looking devices that carry what is routed through them inside
 * another protocol (or encrypted, MACsec): a route through one must not
 * be replaced by the learned device, which would send it in clear.
 */
static const char *const tunnel_kinds[] = {
	"gretap", "ip6gretap", "erspan", "ip6erspan", "vxlan", "geneve",
	"macsec",
};

/*
 * Whether routing chose a plain unicast route: not a local, broadcast,
 * multicast or anycast destination, not an IPsec or lightweight-tunnel
 * route, and out of a plain Ethernet device, not a tunnel or VPN (wg,
 * xfrmi, vti, gre, ip6gre, ipip, sit are not Ethernet; point-to-point
 * devices neither), whose transformation must not be skipped.
 */
static bool unicast_route(struct sk_buff *skb, u8 family)
{
	struct dst_entry *dst = skb_dst(skb);
	const struct rtnl_link_ops *ops;
	struct rt6_info *rt6;
	int i;

	if (!dst || dst_xfrm(dst) || dst->lwtstate)
		return false;
	if (dst->dev->type != ARPHRD_ETHER ||
	    dst->dev->flags & (IFF_POINTOPOINT | IFF_NOARP | IFF_LOOPBACK))
		return false;
	ops = dst->dev->rtnl_link_ops;
	for (i = 0; ops && i < ARRAY_SIZE(tunnel_kinds); i++) {
		if (!strcmp(ops->kind, tunnel_kinds[i]))
			return false;
	}
	if (family == AF_INET)
		return skb_rtable(skb)->rt_type == RTN_UNICAST;

	rt6 = container_of(dst, struct rt6_info, dst);
	return !ipv6_addr_is_multicast(&ipv6_hdr(skb)->daddr) &&
	       !(rt6->rt6i_flags & (RTF_LOCAL | RTF_ANYCAST | RTF_REJECT));
}

/*
 * A TCP socket whose last @threshold transmissions timed out has a path
 * problem that the routing table's way may not have: let it be routed.
 * A SYN-ACK belongs to a request socket (TCP_NEW_SYN_RECV, not a full
 * socket), whose retransmissions, by its timer or for the client's
 * repeated SYNs, count in num_retrans: so a new connection heals through
 * routing as an established one does.
 */
/*
 * Whether this host opened the packet's flow: conntrack has it in the
 * original direction. Without conntrack nothing says so, and the packet
 * counts as a reply.
 */
static bool opened_here(const struct sk_buff *skb)
{
#if IS_ENABLED(CONFIG_NF_CONNTRACK)
	enum ip_conntrack_info ctinfo;

	return nf_ct_get(skb, &ctinfo) &&
	       CTINFO2DIR(ctinfo) == IP_CT_DIR_ORIGINAL;
#else
	return false;
#endif
}

static bool retransmitting(const struct sk_buff *skb, u32 threshold)
{
	const struct sock *sk = skb->sk;

	if (!threshold || !sk)
		return false;
	if (sk->sk_state == TCP_NEW_SYN_RECV)
		return READ_ONCE(inet_reqsk(sk)->num_retrans) >= threshold;
	return sk_fullsock(sk) &&
	       sk->sk_type == SOCK_STREAM && sk->sk_protocol == IPPROTO_TCP &&
	       READ_ONCE(inet_csk(sk)->icsk_retransmits) >= threshold;
}

/*
 * Why @skb must be routed normally instead of reflected with @e, or
 * REFLECT_STAT_NONE if it need not; *devp is then the learned device,
 * valid until the hook returns (it runs under RCU).
 */
static enum reflect_stat fallback(struct reflect_net *rn,
				  const struct reflect_entry *e,
				  struct sk_buff *skb, u8 family, struct net *net,
				  struct net_device **devp)
{
	struct net_device *dev;

	if (!(READ_ONCE(e->flags) & REFLECT_ENTRY_F_STATIC) &&
	    reflect_entry_idle(e) > READ_ONCE(rn->config.idle_timeout) * HZ)
		return REFLECT_STAT_FB_STALE;
	if (!unicast_route(skb, family))
		return REFLECT_STAT_FB_DST_TYPE;
	if (retransmitting(skb, READ_ONCE(rn->config.retrans_threshold)))
		return REFLECT_STAT_FB_RETRANS;
	if (!READ_ONCE(rn->config.outbound) && opened_here(skb))
		return REFLECT_STAT_FB_OUTBOUND;

	/*
	 * Gone, no longer Ethernet (a bond that took a slave's type), or now
	 * a port of a bridge or bond, which carries no IP traffic of its own.
	 */
	dev = dev_get_by_index_rcu(net, e->iface->ifindex);
	if (!dev || !reflect_iface_dev_transmits(dev))
		return REFLECT_STAT_FB_DEV_GONE;
	if (!(dev->flags & IFF_UP))
		return REFLECT_STAT_FB_DEV_DOWN;
	if (!netif_carrier_ok(dev))
		return REFLECT_STAT_FB_NO_CARRIER;

	*devp = dev;
	return REFLECT_STAT_NONE;
}

/*
 * The packet leaves through @e's next hop on @dev: its route replaces the
 * routed one. @hook: the hook counter, counted with the packet's outcome.
 */
static unsigned int reflect(struct reflect_net *rn, struct reflect_entry *e,
			    struct sk_buff *skb,
			    const struct nf_hook_state *state,
			    struct net_device *dev, enum reflect_stat hook)
{
	/* Whether trust may have been withdrawn; a static entry is trusted. */
	bool check = !(READ_ONCE(e->flags) & REFLECT_ENTRY_F_STATIC) &&
		     READ_ONCE(rn->config.learn) == REFLECT_LEARN_TRUSTED;
	struct dst_entry *dst;
	bool trusted;

	dst = reflect_nexthop_dst(rn, e->iface, dev, state->pf, e->lladdr,
				  &e->key.peer, check ? &trusted : NULL);
	if (!dst) {
		reflect_count_packet(rn, e->iface, e->local, hook,
				     REFLECT_STAT_FB_NO_NEIGH);
		return NF_ACCEPT;
	}
	if (check && !trusted) {
		dst_release(dst);
		reflect_count_packet(rn, e->iface, e->local, hook,
				     REFLECT_STAT_FB_UNTRUSTED);
		return NF_ACCEPT;
	}

	atomic64_inc(&e->packets);
	reflect_count_reflected(rn, e->iface, e->local, hook, skb->len);
	skb_dst_drop(skb);
	skb_dst_set(skb, dst);
	return NF_ACCEPT;
}

unsigned int reflect_xmit_hook(void *priv, struct sk_buff *skb,
			       const struct nf_hook_state *state)
{
	struct reflect_net *rn = reflect_net(state->net);
	/* Counted with the outcome: one pass over the counters per packet. */
	enum reflect_stat hook = state->pf == NFPROTO_IPV4 ?
				 REFLECT_STAT_OUT_IPV4 : REFLECT_STAT_OUT_IPV6;
	struct net_device *dev = NULL;
	struct reflect_entry *e;
	struct reflect_key key;
	enum reflect_stat why;

	/* A VRF's first pass: see the top of this file. */
	if (state->out && netif_is_l3_master(state->out))
		return NF_ACCEPT;

	if (!READ_ONCE(rn->config.enabled)) {
		reflect_count_packet(rn, NULL, NULL, hook,
				     REFLECT_STAT_FB_DISABLED);
		return NF_ACCEPT;
	}

	/*
	 * The family is the hook's (NFPROTO_IPV4 and _IPV6 are AF_INET and
	 * AF_INET6), never the version nibble: an IPv4 raw socket with
	 * IP_HDRINCL may send a first byte that says 6, and read as IPv6 its
	 * header would run past the packet and its route past a struct rtable.
	 * Such a socket may also send less than a whole header.
	 */
	if (!skb_dst(skb) ||
	    !pskb_network_may_pull(skb, state->pf == NFPROTO_IPV4 ?
					sizeof(struct iphdr) :
					sizeof(struct ipv6hdr))) {
		reflect_count_packet(rn, NULL, NULL, hook, REFLECT_STAT_MISS);
		return NF_ACCEPT;
	}
	reflect_key_from_skb(&key, skb, state->pf, false,
			     READ_ONCE(rn->config.mode) == REFLECT_MODE_FLOW);
	/* The routed device tells the domain: a VRF's slave, or the link. */
	key.domain = reflect_key_domain(state->pf, &key.peer,
					skb_dst(skb)->dev);
	e = reflect_table_lookup(rn, &key);
	if (!e) {
		reflect_count_packet(rn, NULL, NULL, hook, REFLECT_STAT_MISS);
		return NF_ACCEPT;
	}

	why = fallback(rn, e, skb, state->pf, state->net, &dev);
	if (why != REFLECT_STAT_NONE) {
		reflect_count_packet(rn, e->iface, e->local, hook, why);
		return NF_ACCEPT;
	}
	return reflect(rn, e, skb, state, dev, hook);
}
