// SPDX-License-Identifier: GPL-2.0
/*
 * Netfilter hooks, registered in each network namespace: PREROUTING is
 * where peers will be learned, LOCAL_OUT where replies will be reflected.
 * For now both only count packets and let them pass.
 *
 * Hooks run under rcu_read_lock() in softirq or process context: they must
 * not sleep, and the state they touch is freed only after the RCU grace
 * period that follows reflect_hooks_unregister().
 */
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>

#include "hooks.h"
#include "reflect.h"
#include "stats.h"

static unsigned int learn_hook(void *priv, struct sk_buff *skb,
			       const struct nf_hook_state *state)
{
	reflect_stats_inc(reflect_net(state->net)->stats,
			  state->pf == NFPROTO_IPV4 ? REFLECT_STAT_PRE_IPV4 :
						      REFLECT_STAT_PRE_IPV6);
	return NF_ACCEPT;
}

static unsigned int xmit_hook(void *priv, struct sk_buff *skb,
			      const struct nf_hook_state *state)
{
	reflect_stats_inc(reflect_net(state->net)->stats,
			  state->pf == NFPROTO_IPV4 ? REFLECT_STAT_OUT_IPV4 :
						      REFLECT_STAT_OUT_IPV6);
	return NF_ACCEPT;
}

/*
 * PREROUTING: after defragmentation (-400) and conntrack (-200), so the
 * learning hook sees whole datagrams with their conntrack entry attached;
 * before mangle (-150) and DNAT (-100), so it sees the addresses the peer
 * really used.
 */
#define LEARN_PRI_IPV4	(NF_IP_PRI_CONNTRACK + 1)
#define LEARN_PRI_IPV6	(NF_IP6_PRI_CONNTRACK + 1)

/*
 * LOCAL_OUT: last. The xmit hook will take the packet over and transmit
 * it itself, so it must run only after every other LOCAL_OUT hook
 * (conntrack, mangle and its rerouting, DNAT, filter, security) has had
 * its chance to drop or change the packet.
 */
#define XMIT_PRI_IPV4	NF_IP_PRI_LAST
#define XMIT_PRI_IPV6	NF_IP6_PRI_LAST

static const struct nf_hook_ops hook_ops[] = {
	{
		.hook = learn_hook,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = LEARN_PRI_IPV4,
	},
	{
		.hook = learn_hook,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = LEARN_PRI_IPV6,
	},
	{
		.hook = xmit_hook,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_LOCAL_OUT,
		.priority = XMIT_PRI_IPV4,
	},
	{
		.hook = xmit_hook,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_LOCAL_OUT,
		.priority = XMIT_PRI_IPV6,
	},
};

/* On failure nf_register_net_hooks() has already undone its own work. */
int reflect_hooks_register(struct net *net)
{
	return nf_register_net_hooks(net, hook_ops, ARRAY_SIZE(hook_ops));
}

void reflect_hooks_unregister(struct net *net)
{
	nf_unregister_net_hooks(net, hook_ops, ARRAY_SIZE(hook_ops));
}
