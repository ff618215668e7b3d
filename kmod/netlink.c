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

static struct netlink_range_validation event_rate_range = {
	.max = REFLECT_EVENT_RATE_MAX,
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
	[REFLECT_CONFIG_A_EVENT_RATE] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &event_rate_range),
};

/*
 * Entries in requests: a key (ADD_ENTRY, DEL_ENTRY), a next hop
 * (ADD_ENTRY) or a filter (GET_ENTRY, FLUSH). Each command then rejects
 * what it does not use; what only the kernel reports is rejected here.
 */
static const struct nla_policy entry_policy[REFLECT_ENTRY_A_MAX + 1] = {
	[REFLECT_ENTRY_A_FAMILY] = { .type = NLA_U8 },
	[REFLECT_ENTRY_A_LOCAL] = NLA_POLICY_RANGE(NLA_BINARY, 4, 16),
	[REFLECT_ENTRY_A_PEER] = NLA_POLICY_RANGE(NLA_BINARY, 4, 16),
	[REFLECT_ENTRY_A_PROTO] = NLA_POLICY_MIN(NLA_U8, 1),
	[REFLECT_ENTRY_A_LOCAL_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[REFLECT_ENTRY_A_PEER_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[REFLECT_ENTRY_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[REFLECT_ENTRY_A_LLADDR] = NLA_POLICY_EXACT_LEN(ETH_ALEN),
	[REFLECT_ENTRY_A_FLAGS] = { .type = NLA_U32 },
	[REFLECT_ENTRY_A_PEER_PREFIXLEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[REFLECT_ENTRY_A_IDLE_MS] = REFLECT_KERNEL_ONLY(REFLECT_ENTRY_A_IDLE_MS),
	[REFLECT_ENTRY_A_MOVES] = REFLECT_KERNEL_ONLY(REFLECT_ENTRY_A_MOVES),
	[REFLECT_ENTRY_A_FLAPS] = REFLECT_KERNEL_ONLY(REFLECT_ENTRY_A_FLAPS),
	[REFLECT_ENTRY_A_PACKETS] = REFLECT_KERNEL_ONLY(REFLECT_ENTRY_A_PACKETS),
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
	[REFLECT_A_ENTRY] = NLA_POLICY_NESTED(entry_policy),
	[REFLECT_A_SCOPE] = NLA_POLICY_NESTED(scope_policy),
	[REFLECT_A_EVENT] = REFLECT_KERNEL_ONLY(REFLECT_A_EVENT),
	[REFLECT_A_EVENTS_LOST] = REFLECT_KERNEL_ONLY(REFLECT_A_EVENTS_LOST),
	[REFLECT_A_REPLACE] = { .type = NLA_FLAG },
};

/*
 * Rejects attributes (of a command, or of a nest with @maxtype) that the
 * policy knows but this command does not use.
 */
static int only_attrs(struct nlattr **attrs, int maxtype,
		      unsigned long allowed, struct netlink_ext_ack *extack)
{
	int i;

	for (i = 1; attrs && i <= maxtype; i++) {
		if (attrs[i] && !(allowed & BIT(i))) {
			NL_SET_ERR_MSG_ATTR(extack, attrs[i],
					    "attribute not used by this command");
			return -EINVAL;
		}
	}
	return 0;
}

int reflect_netlink_only_attrs(struct nlattr **attrs, unsigned long allowed,
			       struct netlink_ext_ack *extack)
{
	return only_attrs(attrs, REFLECT_A_MAX, allowed, extack);
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

/*
 * Checks a prefix (@addr of @family, @len bits, from attributes @addr_nla
 * and @len_nla) for extack's sake: the length fits, the host bits are 0.
 */
static int check_prefix(u8 family, const union reflect_addr *addr, u8 len,
			const struct nlattr *addr_nla,
			const struct nlattr *len_nla,
			struct netlink_ext_ack *extack)
{
	union reflect_addr net = *addr;

	if (len > reflect_addr_len(family) * 8) {
		NL_SET_ERR_MSG_ATTR(extack, len_nla,
				    "prefix length exceeds the address length");
		return -EINVAL;
	}
	if (family == AF_INET)
		net.ip &= inet_make_mask(len);
	else
		ipv6_addr_prefix(&net.ip6, &addr->ip6, len);
	if (memcmp(&net, addr, sizeof(net))) {
		NL_SET_ERR_MSG_ATTR(extack, addr_nla,
				    "host bits of the prefix must be zero");
		return -EINVAL;
	}
	return 0;
}

static int parse_peer_prefix(struct nlattr **tb,
			     struct reflect_entry_filter *f,
			     struct netlink_ext_ack *extack)
{
	struct nlattr *len = tb[REFLECT_ENTRY_A_PEER_PREFIXLEN];
	u8 family;
	int err;

	if (!tb[REFLECT_ENTRY_A_PEER]) {
		if (len)
			NL_SET_ERR_MSG_ATTR(extack, len,
					    "a prefix length needs REFLECT_ENTRY_A_PEER");
		return len ? -EINVAL : 0;
	}
	err = reflect_netlink_parse_addr(tb[REFLECT_ENTRY_A_FAMILY],
					 tb[REFLECT_ENTRY_A_PEER], &family,
					 &f->peer, extack);
	if (err)
		return err;
	if (f->family && f->family != family) {
		NL_SET_ERR_MSG_ATTR(extack, tb[REFLECT_ENTRY_A_PEER],
				    "local and peer families differ");
		return -EINVAL;
	}
	f->family = family;
	f->peer_len = len ? nla_get_u8(len) : reflect_addr_len(family) * 8;
	err = check_prefix(family, &f->peer, f->peer_len,
			   tb[REFLECT_ENTRY_A_PEER], len, extack);
	f->has_peer = !err;
	return err;
}

/*
 * The entry filters of GET_ENTRY and FLUSH (uapi/reflect.h); @attrs may
 * be NULL (a dump request without attributes).
 */
int reflect_netlink_parse_filter(struct nlattr **attrs,
				 struct reflect_entry_filter *f,
				 struct netlink_ext_ack *extack)
{
	struct nlattr *tb[REFLECT_ENTRY_A_MAX + 1];
	struct nlattr *flags;
	int err;

	memset(f, 0, sizeof(*f));
	err = reflect_netlink_only_attrs(attrs, BIT(REFLECT_A_IFINDEX) |
					 BIT(REFLECT_A_ENTRY), extack);
	if (err || !attrs)
		return err;
	if (attrs[REFLECT_A_IFINDEX])
		f->ifindex = nla_get_u32(attrs[REFLECT_A_IFINDEX]);
	if (!attrs[REFLECT_A_ENTRY])
		return 0;

	err = nla_parse_nested(tb, REFLECT_ENTRY_A_MAX, attrs[REFLECT_A_ENTRY],
			       entry_policy, extack);
	if (err)
		return err;
	err = only_attrs(tb, REFLECT_ENTRY_A_MAX,
			 BIT(REFLECT_ENTRY_A_FAMILY) | BIT(REFLECT_ENTRY_A_LOCAL) |
			 BIT(REFLECT_ENTRY_A_PEER) |
			 BIT(REFLECT_ENTRY_A_PEER_PREFIXLEN) |
			 BIT(REFLECT_ENTRY_A_FLAGS), extack);
	if (err)
		return err;

	if (tb[REFLECT_ENTRY_A_FAMILY]) {
		f->family = nla_get_u8(tb[REFLECT_ENTRY_A_FAMILY]);
		if (f->family != AF_INET && f->family != AF_INET6) {
			NL_SET_ERR_MSG_ATTR(extack, tb[REFLECT_ENTRY_A_FAMILY],
					    "family must be AF_INET or AF_INET6");
			return -EINVAL;
		}
	}
	if (tb[REFLECT_ENTRY_A_LOCAL]) {
		f->has_local = true;
		err = reflect_netlink_parse_addr(tb[REFLECT_ENTRY_A_FAMILY],
						 tb[REFLECT_ENTRY_A_LOCAL],
						 &f->family, &f->local, extack);
		if (err)
			return err;
	}
	err = parse_peer_prefix(tb, f, extack);
	if (err)
		return err;
	flags = tb[REFLECT_ENTRY_A_FLAGS];
	if (flags) {
		f->flags = nla_get_u32(flags);
		if (f->flags & ~REFLECT_ENTRY_F_STATIC) {
			NL_SET_ERR_MSG_ATTR(extack, flags,
					    "only REFLECT_ENTRY_F_STATIC filters entries");
			return -EINVAL;
		}
	}
	return 0;
}

bool reflect_filter_match(const struct reflect_entry_filter *f,
			  const struct reflect_entry *e)
{
	return (!f->ifindex || e->iface->ifindex == f->ifindex) &&
	       (!f->family || e->key.family == f->family) &&
	       (!f->has_local ||
		!memcmp(&e->key.local, &f->local, sizeof(f->local))) &&
	       (!f->has_peer ||
		reflect_addr_in_prefix(f->family, &e->key.peer, &f->peer,
				       f->peer_len)) &&
	       (READ_ONCE(e->flags) & f->flags) == f->flags;
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
	{ REFLECT_CONFIG_A_EVENT_RATE,
	  offsetof(struct reflect_config, event_rate) },
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

static bool filter_accepts(const struct reflect_entry *e, const void *f)
{
	return reflect_filter_match(f, e);
}

static int flush_entries(struct sk_buff *skb, struct genl_info *info)
{
	struct reflect_net *rn = reflect_net(genl_info_net(info));
	struct reflect_entry_filter f;
	int err;

	err = reflect_netlink_parse_filter(info->attrs, &f, info->extack);
	if (err)
		return err;
	reflect_table_remove_if(rn, filter_accepts, &f);
	return 0;
}

/*
 * The key of ADD_ENTRY and DEL_ENTRY, as the hooks would build it in the
 * namespace's current mode: addresses, and in flow mode optionally a
 * protocol with ports (an entry of a protocol without ports has none).
 */
static int parse_key(struct reflect_net *rn, struct nlattr **tb,
		     struct nlattr *nest, struct reflect_key *key,
		     struct netlink_ext_ack *extack)
{
	struct nlattr *proto = tb[REFLECT_ENTRY_A_PROTO];
	struct nlattr *lport = tb[REFLECT_ENTRY_A_LOCAL_PORT];
	struct nlattr *pport = tb[REFLECT_ENTRY_A_PEER_PORT];
	u8 family;
	int err;

	memset(key, 0, sizeof(*key));
	if (!tb[REFLECT_ENTRY_A_LOCAL] || !tb[REFLECT_ENTRY_A_PEER]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "an entry needs REFLECT_ENTRY_A_LOCAL and _PEER");
		return -EINVAL;
	}
	err = reflect_netlink_parse_addr(tb[REFLECT_ENTRY_A_FAMILY],
					 tb[REFLECT_ENTRY_A_LOCAL],
					 &key->family, &key->local, extack);
	if (err)
		return err;
	err = reflect_netlink_parse_addr(tb[REFLECT_ENTRY_A_FAMILY],
					 tb[REFLECT_ENTRY_A_PEER], &family,
					 &key->peer, extack);
	if (err)
		return err;
	if (family != key->family) {
		NL_SET_ERR_MSG_ATTR(extack, tb[REFLECT_ENTRY_A_PEER],
				    "local and peer families differ");
		return -EINVAL;
	}

	if (!proto && !lport && !pport)
		return 0;
	if (READ_ONCE(rn->config.mode) != REFLECT_MODE_FLOW) {
		NL_SET_ERR_MSG_ATTR(extack, proto ?: lport ?: pport,
				    "protocol and ports make a key only in flow mode");
		return -EINVAL;
	}
	if (!proto || !lport || !pport || !reflect_proto_has_ports(nla_get_u8(proto))) {
		NL_SET_ERR_MSG_ATTR(extack, proto ?: nest,
				    "a flow key needs a protocol with ports (TCP, UDP, UDP-Lite, SCTP) and both ports");
		return -EINVAL;
	}
	key->proto = nla_get_u8(proto);
	key->local_port = htons(nla_get_u16(lport));
	key->peer_port = htons(nla_get_u16(pport));
	return 0;
}

#define KEY_ATTRS (BIT(REFLECT_ENTRY_A_FAMILY) | BIT(REFLECT_ENTRY_A_LOCAL) | \
		   BIT(REFLECT_ENTRY_A_PEER) | BIT(REFLECT_ENTRY_A_PROTO) | \
		   BIT(REFLECT_ENTRY_A_LOCAL_PORT) |			  \
		   BIT(REFLECT_ENTRY_A_PEER_PORT))

/*
 * Parses REFLECT_A_ENTRY of ADD_ENTRY/DEL_ENTRY into @tb, allowing
 * @allowed in it and @top (besides REFLECT_A_ENTRY) around it.
 */
static int parse_entry_nest(struct genl_info *info, struct nlattr **tb,
			    unsigned long top, unsigned long allowed)
{
	struct nlattr *nest = info->attrs[REFLECT_A_ENTRY];
	int err;

	err = reflect_netlink_only_attrs(info->attrs,
					 BIT(REFLECT_A_ENTRY) | top,
					 info->extack);
	if (err)
		return err;
	if (!nest) {
		NL_SET_ERR_MSG(info->extack, "REFLECT_A_ENTRY is missing");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, REFLECT_ENTRY_A_MAX, nest, entry_policy,
			       info->extack);
	if (err)
		return err;
	return only_attrs(tb, REFLECT_ENTRY_A_MAX, allowed, info->extack);
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

	err = parse_entry_nest(info, tb, BIT(REFLECT_A_REPLACE), KEY_ATTRS |
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
	err = parse_key(rn, tb, nest, &key, info->extack);
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

	err = parse_entry_nest(info, tb, 0, KEY_ATTRS);
	if (err)
		return err;
	err = parse_key(rn, tb, info->attrs[REFLECT_A_ENTRY], &key,
			info->extack);
	if (err)
		return err;
	err = reflect_table_del(rn, &key);
	if (err)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[REFLECT_A_ENTRY],
				    "no entry for this key");
	return err;
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
	err = check_prefix(s->family, &s->addr, s->prefixlen,
			   tb[REFLECT_SCOPE_A_ADDR],
			   tb[REFLECT_SCOPE_A_PREFIXLEN], info->extack);
	if (err)
		return err;
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
};

/* Index REFLECT_MCGRP_EVENTS (events.h); listening needs no privilege. */
static const struct genl_multicast_group mcgrps[] = {
	[REFLECT_MCGRP_EVENTS] = { .name = REFLECT_GENL_MCGRP_EVENTS },
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
