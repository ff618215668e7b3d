// SPDX-License-Identifier: GPL-2.0
/*
 * Reflection: the LOCAL_OUT hook sends a locally generated packet whose
 * peer (in flow mode, flow) has a fresh entry through the learned
 * interface to the learned MAC address, instead of the device the routing
 * table chose and the neighbour its lookup found.
 *
 * The packet still traverses POSTROUTING, with the learned device as its
 * output device and the routed dst still attached, so that nftables and
 * iptables rules, SNAT and masquerading, and conntrack confirmation keep
 * working. Then the device's own header_ops build the link-layer header
 * (VLAN and bond devices add what they need) and dev_queue_xmit() sends
 * it, segmenting GSO packets only if the device lacks the offloads.
 *
 * Anything doubtful falls back to normal routing, counted by reason:
 * reflection never drops a packet that routing would have sent. Bypassed,
 * as they are for any packet not sent by dst_output(): IP fragmentation
 * (packets that would need it fall back, FB_MTU), cgroup BPF egress
 * programs and the IP output MIB counters.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <net/dst.h>
#include <net/inet_connection_sock.h>
#include <net/ip.h>
#include <net/ip6_fib.h>
#include <net/ipv6.h>
#include <net/route.h>
#ifdef REFLECT_HAVE_NET_GSO_H
#include <net/gso.h>
#endif

#include "reflect.h"
#include "uapi/reflect.h"

/*
 * The learned MAC address travels to finish() in the tail of skb->cb: a
 * POSTROUTING verdict may queue the packet (NFQUEUE) and resume it later,
 * so it cannot stay on the stack. The head of cb stays the IP layer's
 * (IPCB, IP6CB), which POSTROUTING hooks may read.
 */
#define CB_LLADDR	(sizeof_field(struct sk_buff, cb) - 8)

static u8 *cb_lladdr(struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct inet_skb_parm) > CB_LLADDR ||
		     sizeof(struct inet6_skb_parm) > CB_LLADDR);
	return skb->cb + CB_LLADDR;
}

/* After POSTROUTING accepted the packet. */
static int finish(struct net *net, struct sock *sk, struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	int err;

	err = dev_hard_header(skb, dev, ntohs(skb->protocol), cb_lladdr(skb),
			      NULL, skb->len);
	if (err < 0) {
		kfree_skb(skb);
		return err;
	}
	return dev_queue_xmit(skb);
}

/*
 * Routing chose a plain unicast route: not a local, broadcast, multicast
 * or anycast destination, nor an IPsec or lightweight-tunnel route, whose
 * transformation happens after POSTROUTING and must not be skipped.
 */
static bool unicast_route(struct sk_buff *skb, u8 family)
{
	struct dst_entry *dst = skb_dst(skb);
	struct rt6_info *rt6;

	if (!dst || dst_xfrm(dst) || dst->lwtstate)
		return false;
	if (family == AF_INET)
		return skb_rtable(skb)->rt_type == RTN_UNICAST;

	rt6 = container_of(dst, struct rt6_info, dst);
	return !ipv6_addr_is_multicast(&ipv6_hdr(skb)->daddr) &&
	       !(rt6->rt6i_flags & (RTF_LOCAL | RTF_ANYCAST | RTF_REJECT)) &&
	       !(dst->dev->flags & IFF_LOOPBACK);
}

/*
 * A TCP socket whose last @threshold transmissions timed out has a path
 * problem that the routing table's way may not have: let it be routed.
 * A SYN-ACK belongs to a request socket (TCP_NEW_SYN_RECV, not a full
 * socket), whose retransmissions, by its timer or for the client's
 * repeated SYNs, count in num_retrans: so a new connection heals through
 * routing as an established one does.
 */
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

static bool fits(const struct sk_buff *skb, unsigned int mtu)
{
	if (skb_is_gso(skb))
		return skb_gso_validate_network_len(skb, mtu);
	return skb->len <= mtu;
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
	if (!fits(skb, READ_ONCE(dev->mtu)))
		return REFLECT_STAT_FB_MTU;

	*devp = dev;
	return REFLECT_STAT_NONE;
}

/* @hook: the hook counter, counted with the packet's outcome. */
static unsigned int reflect(struct reflect_net *rn, struct reflect_entry *e,
			    struct sk_buff *skb,
			    const struct nf_hook_state *state,
			    struct net_device *dev, enum reflect_stat hook)
{
	/*
	 * Room for the link-layer header, and a private copy of the header
	 * area if it is shared (TCP's clones). Without memory for that, the
	 * normal path may still manage.
	 */
	if (skb_cow_head(skb, LL_RESERVED_SPACE(dev))) {
		reflect_count_packet(rn, NULL, NULL, hook, REFLECT_STAT_NONE);
		return NF_ACCEPT;
	}

	atomic64_inc(&e->packets);
	reflect_count_reflected(rn, e->iface, e->local, hook, skb->len);

	ether_addr_copy(cb_lladdr(skb), e->lladdr);
	skb->dev = dev;
	skb->protocol = htons(state->pf == NFPROTO_IPV4 ? ETH_P_IP :
							  ETH_P_IPV6);
	NF_HOOK(state->pf, NF_INET_POST_ROUTING, state->net, state->sk, skb,
		NULL, dev, finish);
	return NF_STOLEN;
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
	if (!pskb_network_may_pull(skb, state->pf == NFPROTO_IPV4 ?
					sizeof(struct iphdr) :
					sizeof(struct ipv6hdr))) {
		reflect_count_packet(rn, NULL, NULL, hook, REFLECT_STAT_MISS);
		return NF_ACCEPT;
	}
	reflect_key_from_skb(&key, skb, state->pf, false,
			     READ_ONCE(rn->config.mode) == REFLECT_MODE_FLOW);
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
