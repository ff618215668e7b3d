// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family REFLECT: how user space talks to the module.
 * uapi/reflect.h is the contract for everything on the wire.
 *
 * Every command acts on the namespace of the requesting socket
 * (.netnsok), and the ops are genl_small_ops under one family-level policy
 * without resv_start_op: the only form that builds on 5.10 and registers
 * on 6.1 and later alike.
 */
#include <net/genetlink.h>

#include "netlink.h"
#include "reflect.h"
#include "stats.h"
#include "uapi/reflect.h"

static struct genl_family family;

/*
 * GET_STATUS takes no attributes: the reply-only ones are rejected with a
 * message saying so, and strict validation rejects unknown types.
 */
static const struct nla_policy policy[REFLECT_A_MAX + 1] = {
	[REFLECT_A_VERSION] = {
		.type = NLA_REJECT,
		.reject_message = "REFLECT_A_VERSION is only sent by the kernel",
	},
	[REFLECT_A_STATS] = {
		.type = NLA_REJECT,
		.reject_message = "REFLECT_A_STATS is only sent by the kernel",
	},
};

static const u16 stat_attr[REFLECT_STAT_COUNT] = {
	[REFLECT_STAT_PRE_IPV4] = REFLECT_STATS_A_PRE_IPV4,
	[REFLECT_STAT_PRE_IPV6] = REFLECT_STATS_A_PRE_IPV6,
	[REFLECT_STAT_OUT_IPV4] = REFLECT_STATS_A_OUT_IPV4,
	[REFLECT_STAT_OUT_IPV6] = REFLECT_STATS_A_OUT_IPV6,
};

/* Exact reply size, so the message is allocated once and never fills up. */
static size_t status_size(void)
{
	return nla_total_size(sizeof(REFLECT_VERSION)) +
	       nla_total_size(0) +
	       REFLECT_STAT_COUNT * nla_total_size_64bit(sizeof(u64));
}

static int put_stats(struct sk_buff *msg, struct reflect_stats __percpu *stats)
{
	u64 sum[REFLECT_STAT_COUNT];
	struct nlattr *nest;
	int i;

	nest = nla_nest_start(msg, REFLECT_A_STATS);
	if (!nest)
		return -EMSGSIZE;

	reflect_stats_sum(stats, sum);
	for (i = 0; i < REFLECT_STAT_COUNT; i++) {
		if (nla_put_u64_64bit(msg, stat_attr[i], sum[i],
				      REFLECT_STATS_A_PAD))
			return -EMSGSIZE;
	}

	nla_nest_end(msg, nest);
	return 0;
}

static int get_status(struct sk_buff *skb, struct genl_info *info)
{
	struct reflect_net *rn = reflect_net(genl_info_net(info));
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(status_size(), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &family, 0, REFLECT_CMD_GET_STATUS);
	if (!hdr ||
	    nla_put_string(msg, REFLECT_A_VERSION, REFLECT_VERSION) ||
	    put_stats(msg, rn->stats)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static const struct genl_small_ops ops[] = {
	{
		/* Read-only and namespace-local: open to unprivileged users. */
		.cmd = REFLECT_CMD_GET_STATUS,
		.doit = get_status,
	},
};

static struct genl_family family __ro_after_init = {
	.name = REFLECT_GENL_NAME,
	.version = REFLECT_GENL_VERSION,
	.maxattr = REFLECT_A_MAX,
	.policy = policy,
	.netnsok = true,
	.module = THIS_MODULE,
	.small_ops = ops,
	.n_small_ops = ARRAY_SIZE(ops),
};

int __init reflect_netlink_register(void)
{
	return genl_register_family(&family);
}

void reflect_netlink_unregister(void)
{
	genl_unregister_family(&family);
}
