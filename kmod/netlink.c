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
 * This file parses requests and carries out the commands; dump.c writes
 * the counter sets and the dumps.
 */
#include <linux/etherdevice.h>
#include <linux/inetdevice.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/ipv6.h>

#include "netlink.h"
#include "reflect.h"
#include "uapi/reflect.h"

/* Not const: older kernels' nla_policy.range lacks the qualifier. */
static struct netlink_range_validation idle_timeout_range = {
	.min = 1, .max = REFLECT_IDLE_TIMEOUT_MAX,
};

static struct netlink_range_validation max_entries_range = {
	.min = 1, .max = REFLECT_MAX_ENTRIES_MAX,
};

static struct netlink_range_validation confirm_ms_range = {
	.max = REFLECT_CONFIRM_MS_MAX,
};

static struct netlink_range_validation min_move_ms_range = {
	.max = REFLECT_MIN_MOVE_MS_MAX,
};

static struct netlink_range_validation evict_idle_range = {
	.max = REFLECT_EVICT_IDLE_MAX,
};

static const struct nla_policy config_policy[REFLECT_CONFIG_A_MAX + 1] = {
	[REFLECT_CONFIG_A_ENABLED] = NLA_POLICY_MAX(NLA_U8, 1),
	[REFLECT_CONFIG_A_MODE] = NLA_POLICY_MAX(NLA_U8, REFLECT_MODE_MAX),
	[REFLECT_CONFIG_A_IDLE_TIMEOUT] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &idle_timeout_range),
	[REFLECT_CONFIG_A_MAX_ENTRIES] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &max_entries_range),
	[REFLECT_CONFIG_A_RETRANS_THRESHOLD] =
		NLA_POLICY_MAX(NLA_U32, REFLECT_RETRANS_MAX),
	[REFLECT_CONFIG_A_CONFIRM_PACKETS] =
		NLA_POLICY_RANGE(NLA_U32, 1, REFLECT_CONFIRM_PACKETS_MAX),
	[REFLECT_CONFIG_A_CONFIRM_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &confirm_ms_range),
	[REFLECT_CONFIG_A_MIN_MOVE_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &min_move_ms_range),
	[REFLECT_CONFIG_A_EVICT_IDLE] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &evict_idle_range),
};

static const struct nla_policy scope_policy[REFLECT_SCOPE_A_MAX + 1] = {
	[REFLECT_SCOPE_A_FAMILY] = { .type = NLA_U8 },
	[REFLECT_SCOPE_A_ADDR] = NLA_POLICY_RANGE(NLA_BINARY, 4, 16),
	[REFLECT_SCOPE_A_PREFIXLEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[REFLECT_SCOPE_A_ACTION] = NLA_POLICY_MAX(NLA_U8, REFLECT_SCOPE_MAX),
};

static const struct nla_policy policy[REFLECT_A_MAX + 1] = {
	[REFLECT_A_VERSION] = REFLECT_KERNEL_ONLY(REFLECT_A_VERSION),
	[REFLECT_A_STATS] = REFLECT_KERNEL_ONLY(REFLECT_A_STATS),
	[REFLECT_A_CONFIG] = NLA_POLICY_NESTED(config_policy),
	[REFLECT_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[REFLECT_A_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[REFLECT_A_ENTRY] = NLA_POLICY_NESTED(reflect_entry_policy),
	[REFLECT_A_SCOPE] = NLA_POLICY_NESTED(scope_policy),
};

/* Rejects attributes the policy knows but this command does not use. */
int reflect_netlink_only_attrs(struct nlattr **attrs, unsigned long allowed,
			       struct netlink_ext_ack *extack)
{
	int i;

	for (i = 1; attrs && i <= REFLECT_A_MAX; i++) {
		if (attrs[i] && !(allowed & BIT(i))) {
			NL_SET_ERR_MSG_ATTR(extack, attrs[i],
					    "attribute not used by this command");
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * An address attribute (4 or 16 bytes) and its optional family attribute,
 * which must agree; unused bytes of @addr are zeroed.
 */
int reflect_netlink_parse_addr(const struct nlattr *fam,
			       const struct nlattr *nla, u8 *family,
			       union reflect_addr *addr,
			       struct netlink_ext_ack *extack)
{
	int len = nla_len(nla);

	*family = len == 4 ? AF_INET : len == 16 ? AF_INET6 : AF_UNSPEC;
	if (*family == AF_UNSPEC) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "address must be 4 (IPv4) or 16 (IPv6) bytes");
		return -EINVAL;
	}
	if (fam && nla_get_u8(fam) != *family) {
		NL_SET_ERR_MSG_ATTR(extack, fam,
				    "family does not match the address length");
		return -EINVAL;
	}
	memset(addr, 0, sizeof(*addr));
	nla_memcpy(addr, nla, len);
	return 0;
}

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
};

static u32 *config_field(struct reflect_config *c, int i)
{
	return (u32 *)((u8 *)c + config_u32[i].offset);
}

static size_t config_size(void)
{
	return nla_total_size(0) + 2 * nla_total_size(sizeof(u8)) +
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
	    nla_put_u8(msg, REFLECT_CONFIG_A_MODE, c.mode))
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

	err = reflect_netlink_only_attrs(info->attrs, 0, info->extack);
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

	err = reflect_netlink_only_attrs(info->attrs, 0, info->extack);
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

	err = reflect_netlink_only_attrs(info->attrs, BIT(REFLECT_A_CONFIG),
					 info->extack);
	if (err)
		return err;
	if (!info->attrs[REFLECT_A_CONFIG]) {
		NL_SET_ERR_MSG(info->extack, "REFLECT_A_CONFIG is missing");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, REFLECT_CONFIG_A_MAX,
			       info->attrs[REFLECT_A_CONFIG], config_policy,
			       info->extack);
	if (err)
		return err;

	mutex_lock(&rn->config_lock);
	if (tb[REFLECT_CONFIG_A_ENABLED])
		WRITE_ONCE(c->enabled, nla_get_u8(tb[REFLECT_CONFIG_A_ENABLED]));
	if (tb[REFLECT_CONFIG_A_MODE] &&
	    nla_get_u8(tb[REFLECT_CONFIG_A_MODE]) != c->mode) {
		WRITE_ONCE(c->mode, nla_get_u8(tb[REFLECT_CONFIG_A_MODE]));
		flush = true;
	}
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

	err = reflect_netlink_only_attrs(info->attrs,
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
		err = reflect_iface_del(rn, dev->ifindex);
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

static int flush_entries(struct sk_buff *skb, struct genl_info *info)
{
	struct reflect_net *rn = reflect_net(genl_info_net(info));
	struct nlattr *index = info->attrs[REFLECT_A_IFINDEX];
	int err;

	err = reflect_netlink_only_attrs(info->attrs, BIT(REFLECT_A_IFINDEX),
					 info->extack);
	if (err)
		return err;
	reflect_table_flush(rn, index ? nla_get_u32(index) : 0);
	return 0;
}

/*
 * ADD_SCOPE needs every attribute of the prefix; DEL_SCOPE may leave out
 * the action (then any action matches).
 */
static int parse_scope(struct genl_info *info, struct reflect_scope *s,
		       bool need_action, bool *has_action)
{
	struct nlattr *tb[REFLECT_SCOPE_A_MAX + 1];
	struct nlattr *nest = info->attrs[REFLECT_A_SCOPE];
	struct in6_addr prefix;
	int err;

	err = reflect_netlink_only_attrs(info->attrs, BIT(REFLECT_A_SCOPE),
					 info->extack);
	if (err)
		return err;
	if (!nest) {
		NL_SET_ERR_MSG(info->extack, "REFLECT_A_SCOPE is missing");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, REFLECT_SCOPE_A_MAX, nest, scope_policy,
			       info->extack);
	if (err)
		return err;
	if (!tb[REFLECT_SCOPE_A_ADDR] || !tb[REFLECT_SCOPE_A_PREFIXLEN] ||
	    (need_action && !tb[REFLECT_SCOPE_A_ACTION])) {
		NL_SET_ERR_MSG_ATTR(info->extack, nest,
				    "a scope needs ADDR, PREFIXLEN and (to add) ACTION");
		return -EINVAL;
	}

	memset(s, 0, sizeof(*s));
	err = reflect_netlink_parse_addr(tb[REFLECT_SCOPE_A_FAMILY],
					 tb[REFLECT_SCOPE_A_ADDR], &s->family,
					 &s->addr, info->extack);
	if (err)
		return err;
	s->prefixlen = nla_get_u8(tb[REFLECT_SCOPE_A_PREFIXLEN]);
	if (s->prefixlen > reflect_addr_len(s->family) * 8) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[REFLECT_SCOPE_A_PREFIXLEN],
				    "prefix length exceeds the address length");
		return -EINVAL;
	}
	if (s->family == AF_INET) {
		prefix.s6_addr32[0] = s->addr.ip & inet_make_mask(s->prefixlen);
		memset(&prefix.s6_addr32[1], 0, 3 * sizeof(__be32));
	} else {
		ipv6_addr_prefix(&prefix, &s->addr.ip6, s->prefixlen);
	}
	if (!ipv6_addr_equal(&prefix, &s->addr.ip6)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[REFLECT_SCOPE_A_ADDR],
				    "host bits of the prefix must be zero");
		return -EINVAL;
	}
	*has_action = tb[REFLECT_SCOPE_A_ACTION];
	if (*has_action)
		s->action = nla_get_u8(tb[REFLECT_SCOPE_A_ACTION]);
	return 0;
}

static int change_scope(struct genl_info *info, bool add)
{
	struct reflect_net *rn = reflect_net(genl_info_net(info));
	struct reflect_scope s;
	bool has_action;
	int err;

	err = parse_scope(info, &s, add, &has_action);
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
};

struct genl_family reflect_netlink_family __ro_after_init = {
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
	return genl_register_family(&reflect_netlink_family);
}

void reflect_netlink_unregister(void)
{
	genl_unregister_family(&reflect_netlink_family);
}
