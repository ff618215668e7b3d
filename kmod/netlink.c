// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family REFLECT: how user space talks to the module.
 * uapi/reflect.h is the contract for everything on the wire.
 *
 * Every command acts on the namespace of the requesting socket
 * (.netnsok), and the ops are genl_small_ops under one family-level policy
 * without resv_start_op: the only form that builds on 5.10 and registers
 * on 6.1 and later alike. Validation is strict: unknown attributes fail,
 * and each command also rejects the known ones it does not use.
 *
 * This file carries out the commands; request.c parses their requests
 * and dump.c writes the counter sets and the dumps.
 */
#include <linux/etherdevice.h>
#include <linux/inetdevice.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/ipv6.h>

#include "dump.h"
#include "netlink.h"
#include "reflect.h"
#include "request.h"
#include "uapi/reflect.h"

/* Not const: older kernels' nla_policy.range lacks the qualifier. */
/* The u32 settings, by attribute: read, written and sized alike. */
static const struct {
	u16 attr;
	u16 offset;
} config_u32[] = {
	{ REFLECT_CONFIG_A_IDLE_TIMEOUT,
	  offsetof(struct reflect_config, idle_timeout) },
	{ REFLECT_CONFIG_A_MAX_ENTRIES,
	  offsetof(struct reflect_config, max_entries) },
	{ REFLECT_CONFIG_A_RETRANS_THRESHOLD,
	  offsetof(struct reflect_config, retrans_threshold) },
	{ REFLECT_CONFIG_A_CONFIRM_PACKETS,
	  offsetof(struct reflect_config, confirm_packets) },
	{ REFLECT_CONFIG_A_CONFIRM_MS,
	  offsetof(struct reflect_config, confirm_ms) },
	{ REFLECT_CONFIG_A_MIN_MOVE_MS,
	  offsetof(struct reflect_config, min_move_ms) },
	{ REFLECT_CONFIG_A_EVICT_IDLE,
	  offsetof(struct reflect_config, evict_idle) },
	{ REFLECT_CONFIG_A_EVENT_RATE,
	  offsetof(struct reflect_config, event_rate) },
};

static u32 *config_field(struct reflect_config *c, int i)
{
	return (u32 *)((u8 *)c + config_u32[i].offset);
}

static size_t config_size(void)
{
	return nla_total_size(0) + 4 * nla_total_size(sizeof(u8)) +
	       ARRAY_SIZE(config_u32) * nla_total_size(sizeof(u32));
}

static int put_config(struct sk_buff *msg, struct reflect_net *rn)
{
	struct reflect_config c;
	struct nlattr *nest;
	int i;

	mutex_lock(&rn->config_lock);
	c = rn->config;
	mutex_unlock(&rn->config_lock);

	nest = nla_nest_start(msg, REFLECT_A_CONFIG);
	if (!nest || nla_put_u8(msg, REFLECT_CONFIG_A_ENABLED, c.enabled) ||
	    nla_put_u8(msg, REFLECT_CONFIG_A_MODE, c.mode) ||
	    nla_put_u8(msg, REFLECT_CONFIG_A_LEARN, c.learn) ||
	    nla_put_u8(msg, REFLECT_CONFIG_A_OUTBOUND, c.outbound))
		return -EMSGSIZE;
	for (i = 0; i < ARRAY_SIZE(config_u32); i++) {
		if (nla_put_u32(msg, config_u32[i].attr, *config_field(&c, i)))
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
	int err;

	err = reflect_request_only_attrs(info->attrs, 0, info->extack);
	if (err)
		return err;

	msg = genlmsg_new(nla_total_size(sizeof(REFLECT_VERSION)) +
			  reflect_dump_stats_size() + config_size(), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &reflect_netlink_family, 0,
				REFLECT_CMD_GET_STATUS);
	if (!hdr ||
	    nla_put_string(msg, REFLECT_A_VERSION, REFLECT_VERSION) ||
	    reflect_dump_stats(msg, rn->stats, rn) || put_config(msg, rn)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int get_config(struct sk_buff *skb, struct genl_info *info)
{
	struct reflect_net *rn = reflect_net(genl_info_net(info));
	struct sk_buff *msg;
	void *hdr;
	int err;

	err = reflect_request_only_attrs(info->attrs, 0, info->extack);
	if (err)
		return err;

	msg = genlmsg_new(config_size(), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &reflect_netlink_family, 0,
				REFLECT_CMD_GET_CONFIG);
	if (!hdr || put_config(msg, rn)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* The policy has checked every value; nothing here can fail half-way. */
static int set_config(struct sk_buff *skb, struct genl_info *info)
{
	struct reflect_net *rn = reflect_net(genl_info_net(info));
	struct nlattr *tb[REFLECT_CONFIG_A_MAX + 1];
	struct reflect_config *c = &rn->config;
	bool flush = false;
	int err, i;

	err = reflect_request_parse_config(info, tb);
	if (err)
		return err;

	/*
	 * Changes need CAP_NET_ADMIN only in the namespace's own user
	 * namespace, which any user may create: above the ceiling, the
	 * memory a table may pin needs the host's administrator.
	 */
	if (tb[REFLECT_CONFIG_A_MAX_ENTRIES] &&
	    nla_get_u32(tb[REFLECT_CONFIG_A_MAX_ENTRIES]) >
		    REFLECT_MAX_ENTRIES_UNPRIV &&
	    !netlink_capable(skb, CAP_NET_ADMIN)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[REFLECT_CONFIG_A_MAX_ENTRIES],
				    "more than 65536 entries needs CAP_NET_ADMIN in the initial user namespace");
		return -EPERM;
	}

	mutex_lock(&rn->config_lock);
	if (tb[REFLECT_CONFIG_A_ENABLED])
		WRITE_ONCE(c->enabled, nla_get_u8(tb[REFLECT_CONFIG_A_ENABLED]));
	if (tb[REFLECT_CONFIG_A_MODE] &&
	    nla_get_u8(tb[REFLECT_CONFIG_A_MODE]) != c->mode) {
		WRITE_ONCE(c->mode, nla_get_u8(tb[REFLECT_CONFIG_A_MODE]));
		flush = true;
	}
	if (tb[REFLECT_CONFIG_A_LEARN]) {
		WRITE_ONCE(c->learn, nla_get_u8(tb[REFLECT_CONFIG_A_LEARN]));
		atomic_inc(&rn->trust.gen);
	}
	if (tb[REFLECT_CONFIG_A_OUTBOUND])
		WRITE_ONCE(c->outbound,
			   nla_get_u8(tb[REFLECT_CONFIG_A_OUTBOUND]));
	for (i = 0; i < ARRAY_SIZE(config_u32); i++) {
		if (tb[config_u32[i].attr])
			WRITE_ONCE(*config_field(c, i),
				   nla_get_u32(tb[config_u32[i].attr]));
	}
	/* Keys of the old mode would never match again. */
	if (flush)
		reflect_table_flush(rn, 0);
	mutex_unlock(&rn->config_lock);
	return 0;
}

/* ADD_IFACE and DEL_IFACE: exactly one of REFLECT_A_IFINDEX, _IFNAME. */
static int change_iface(struct genl_info *info, bool add)
{
	struct reflect_net *rn = reflect_net(genl_info_net(info));
	struct nlattr *index = info->attrs[REFLECT_A_IFINDEX];
	struct nlattr *name = info->attrs[REFLECT_A_IFNAME];
	struct net_device *dev;
	int err;

	err = reflect_request_only_attrs(info->attrs,
					 BIT(REFLECT_A_IFINDEX) |
					 BIT(REFLECT_A_IFNAME), info->extack);
	if (err)
		return err;
	if (!index == !name) {
		NL_SET_ERR_MSG(info->extack,
			       "give exactly one of REFLECT_A_IFINDEX and REFLECT_A_IFNAME");
		return -EINVAL;
	}

	/* RTNL: the device cannot go away before the set knows of it. */
	rtnl_lock();
	dev = index ? __dev_get_by_index(genl_info_net(info),
					 nla_get_u32(index)) :
		      __dev_get_by_name(genl_info_net(info), nla_data(name));
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(info->extack, index ?: name,
				    "no such interface in this namespace");
		err = -ENODEV;
	} else if (add) {
		err = reflect_iface_add(rn, dev, info->extack);
	} else {
		err = reflect_iface_del(rn, dev->ifindex, false);
		if (err)
			NL_SET_ERR_MSG_ATTR(info->extack, index ?: name,
					    "reflection is not enabled on this interface");
	}
	rtnl_unlock();
	return err;
}

static int add_iface(struct sk_buff *skb, struct genl_info *info)
{
	return change_iface(info, true);
}

static int del_iface(struct sk_buff *skb, struct genl_info *info)
{
	return change_iface(info, false);
}

static bool filter_accepts(const struct reflect_entry *e, const void *f)
{
	return reflect_filter_match(f, e);
}

static int flush_entries(struct sk_buff *skb, struct genl_info *info)
{
	struct reflect_net *rn = reflect_net(genl_info_net(info));
	struct reflect_entry_filter f;
	int err;

	err = reflect_request_parse_filter(info->attrs, &f, info->extack);
	if (err)
		return err;
	reflect_table_remove_if(rn, filter_accepts, &f);
	return 0;
}

static int add_entry(struct sk_buff *skb, struct genl_info *info)
{
	struct reflect_net *rn = reflect_net(genl_info_net(info));
	struct nlattr *tb[REFLECT_ENTRY_A_MAX + 1];
	struct nlattr *nest = info->attrs[REFLECT_A_ENTRY];
	struct reflect_iface *iface;
	struct reflect_key key;
	const u8 *lladdr;
	u32 flags = 0;
	int err;

	err = reflect_request_parse_entry(info, tb, BIT(REFLECT_A_REPLACE), REFLECT_KEY_ATTRS |
			       BIT(REFLECT_ENTRY_A_IFINDEX) |
			       BIT(REFLECT_ENTRY_A_LLADDR) |
			       BIT(REFLECT_ENTRY_A_FLAGS));
	if (err)
		return err;
	if (!tb[REFLECT_ENTRY_A_IFINDEX] || !tb[REFLECT_ENTRY_A_LLADDR]) {
		NL_SET_ERR_MSG_ATTR(info->extack, nest,
				    "an entry needs REFLECT_ENTRY_A_IFINDEX and _LLADDR");
		return -EINVAL;
	}
	lladdr = nla_data(tb[REFLECT_ENTRY_A_LLADDR]);
	if (!is_valid_ether_addr(lladdr)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[REFLECT_ENTRY_A_LLADDR],
				    "the next hop must be a unicast MAC address");
		return -EINVAL;
	}
	if (tb[REFLECT_ENTRY_A_FLAGS]) {
		flags = nla_get_u32(tb[REFLECT_ENTRY_A_FLAGS]);
		if (flags & ~REFLECT_ENTRY_F_STATIC) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    tb[REFLECT_ENTRY_A_FLAGS],
					    "only REFLECT_ENTRY_F_STATIC may be set");
			return -EINVAL;
		}
	}

	/* Under RTNL, as interface changes are: the interface stays. */
	rtnl_lock();
	err = reflect_request_parse_key(rn, tb, nest, &key, info->extack);
	if (err)
		goto out;
	iface = reflect_iface_find(&rn->ifaces,
				   nla_get_u32(tb[REFLECT_ENTRY_A_IFINDEX]));
	if (!iface) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[REFLECT_ENTRY_A_IFINDEX],
				    "reflection is not enabled on this interface");
		err = -ENODEV;
		goto out;
	}
	/* The interface is enabled, so its device is registered (RTNL). */
	rcu_read_lock();
	key.domain = reflect_key_domain(key.family, &key.peer,
					dev_get_by_index_rcu(genl_info_net(info),
							     iface->ifindex));
	rcu_read_unlock();
	err = reflect_table_add(rn, &key, iface, lladdr, flags,
				nla_get_flag(info->attrs[REFLECT_A_REPLACE]),
				info->extack);
out:
	rtnl_unlock();
	return err;
}

static int del_entry(struct sk_buff *skb, struct genl_info *info)
{
	struct reflect_net *rn = reflect_net(genl_info_net(info));
	struct nlattr *tb[REFLECT_ENTRY_A_MAX + 1];
	struct reflect_key key;
	int err;

	err = reflect_request_parse_entry(info, tb, 0, REFLECT_KEY_ATTRS |
					  BIT(REFLECT_ENTRY_A_DOMAIN));
	if (err)
		return err;
	err = reflect_request_parse_key(rn, tb, info->attrs[REFLECT_A_ENTRY], &key,
			info->extack);
	if (err)
		return err;
	err = reflect_table_del(rn, &key);
	if (err)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[REFLECT_A_ENTRY],
				    "no entry for this key");
	return err;
}

static int change_scope(struct genl_info *info, bool add)
{
	struct reflect_net *rn = reflect_net(genl_info_net(info));
	struct reflect_scope s;
	bool has_action;
	int err;

	err = reflect_request_parse_scope(info, &s, add, &has_action);
	if (err)
		return err;

	mutex_lock(&rn->config_lock);
	if (add)
		err = reflect_scope_add(rn, &s, info->extack);
	else
		err = reflect_scope_del(rn, &s, has_action, info->extack);
	mutex_unlock(&rn->config_lock);
	return err;
}

static int add_scope(struct sk_buff *skb, struct genl_info *info)
{
	return change_scope(info, true);
}

static int del_scope(struct sk_buff *skb, struct genl_info *info)
{
	return change_scope(info, false);
}

/* ADD_NEXTHOP and DEL_NEXTHOP: under RTNL, as the device notifier is. */
static int change_nexthop(struct genl_info *info, bool add)
{
	struct reflect_net *rn = reflect_net(genl_info_net(info));
	struct reflect_router r;
	int err;

	err = reflect_request_parse_nexthop(info, &r);
	if (err)
		return err;
	rtnl_lock();
	if (!__dev_get_by_index(genl_info_net(info), r.ifindex)) {
		NL_SET_ERR_MSG(info->extack, "no such interface in this namespace");
		err = -ENODEV;
	} else if (add) {
		err = reflect_trust_add(rn, &r, info->extack);
	} else {
		err = reflect_trust_del(rn, &r);
		if (err)
			NL_SET_ERR_MSG(info->extack, "this next hop is not named");
	}
	rtnl_unlock();
	return err;
}

static int add_nexthop(struct sk_buff *skb, struct genl_info *info)
{
	return change_nexthop(info, true);
}

static int del_nexthop(struct sk_buff *skb, struct genl_info *info)
{
	return change_nexthop(info, false);
}

/* Reading is open to unprivileged users; changes need CAP_NET_ADMIN. */
static const struct genl_small_ops ops[] = {
	{ .cmd = REFLECT_CMD_GET_STATUS, .doit = get_status },
	{ .cmd = REFLECT_CMD_GET_CONFIG, .doit = get_config },
	{
		.cmd = REFLECT_CMD_SET_CONFIG,
		.doit = set_config,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = REFLECT_CMD_ADD_IFACE,
		.doit = add_iface,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = REFLECT_CMD_DEL_IFACE,
		.doit = del_iface,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{ .cmd = REFLECT_CMD_GET_IFACE, .dumpit = reflect_dump_ifaces },
	{ .cmd = REFLECT_CMD_GET_ENTRY, .dumpit = reflect_dump_entries },
	{
		.cmd = REFLECT_CMD_FLUSH,
		.doit = flush_entries,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{ .cmd = REFLECT_CMD_GET_LOCAL, .dumpit = reflect_dump_locals },
	{
		.cmd = REFLECT_CMD_ADD_SCOPE,
		.doit = add_scope,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = REFLECT_CMD_DEL_SCOPE,
		.doit = del_scope,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{ .cmd = REFLECT_CMD_GET_SCOPE, .dumpit = reflect_dump_scopes },
	{
		.cmd = REFLECT_CMD_ADD_ENTRY,
		.doit = add_entry,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = REFLECT_CMD_DEL_ENTRY,
		.doit = del_entry,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = REFLECT_CMD_ADD_NEXTHOP,
		.doit = add_nexthop,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = REFLECT_CMD_DEL_NEXTHOP,
		.doit = del_nexthop,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{ .cmd = REFLECT_CMD_GET_NEXTHOP, .dumpit = reflect_dump_nexthops },
};

/* Index REFLECT_MCGRP_EVENTS (events.h); listening needs no privilege. */
static const struct genl_multicast_group mcgrps[] = {
	[REFLECT_MCGRP_EVENTS] = { .name = REFLECT_GENL_MCGRP_EVENTS },
};

struct genl_family reflect_netlink_family __ro_after_init = {
	.name = REFLECT_GENL_NAME,
	.version = REFLECT_GENL_VERSION,
	.maxattr = REFLECT_A_MAX,
	.policy = reflect_policy,
	.netnsok = true,
	.module = THIS_MODULE,
	.small_ops = ops,
	.n_small_ops = ARRAY_SIZE(ops),
	.mcgrps = mcgrps,
	.n_mcgrps = ARRAY_SIZE(mcgrps),
};

int __init reflect_netlink_register(void)
{
	return genl_register_family(&reflect_netlink_family);
}

void reflect_netlink_unregister(void)
{
	genl_unregister_family(&reflect_netlink_family);
}
