// SPDX-License-Identifier: GPL-2.0
/*
 * Request parsing for the generic netlink family REFLECT: the policies
 * (one per nesting level), the check that a command sends only the
 * attributes it uses, addresses and prefixes, entry keys, scopes and the
 * entry filter. netlink.c carries out the commands with what this
 * returns; dump.c parses its dumps' requests here too.
 */
#include <linux/etherdevice.h>
#include <linux/inetdevice.h>
#include <net/genetlink.h>
#include <net/ipv6.h>

#include "reflect.h"
#include "request.h"
#include "uapi/reflect.h"

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
	[REFLECT_CONFIG_A_LEARN] = NLA_POLICY_MAX(NLA_U8, REFLECT_LEARN_MAX),
	[REFLECT_CONFIG_A_OUTBOUND] = NLA_POLICY_MAX(NLA_U8, 1),
};

static const struct nla_policy nexthop_policy[REFLECT_NEXTHOP_A_MAX + 1] = {
	[REFLECT_NEXTHOP_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[REFLECT_NEXTHOP_A_FAMILY] = { .type = NLA_U8 },
	[REFLECT_NEXTHOP_A_ADDR] = NLA_POLICY_RANGE(NLA_BINARY, 4, 16),
	[REFLECT_NEXTHOP_A_LLADDR] = NLA_POLICY_EXACT_LEN(ETH_ALEN),
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
	[REFLECT_ENTRY_A_DOMAIN] = { .type = NLA_U32 },
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

const struct nla_policy reflect_policy[REFLECT_A_MAX + 1] = {
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
	[REFLECT_A_NEXTHOP] = NLA_POLICY_NESTED(nexthop_policy),
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

int reflect_request_only_attrs(struct nlattr **attrs, unsigned long allowed,
			       struct netlink_ext_ack *extack)
{
	return only_attrs(attrs, REFLECT_A_MAX, allowed, extack);
}

/*
 * An address attribute (4 or 16 bytes) and its optional family attribute,
 * which must agree; unused bytes of @addr are zeroed.
 */
int reflect_request_parse_addr(const struct nlattr *fam,
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
	err = reflect_request_parse_addr(tb[REFLECT_ENTRY_A_FAMILY],
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
int reflect_request_parse_filter(struct nlattr **attrs,
				 struct reflect_entry_filter *f,
				 struct netlink_ext_ack *extack)
{
	struct nlattr *tb[REFLECT_ENTRY_A_MAX + 1];
	struct nlattr *flags;
	int err;

	memset(f, 0, sizeof(*f));
	err = reflect_request_only_attrs(attrs, BIT(REFLECT_A_IFINDEX) |
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
		err = reflect_request_parse_addr(tb[REFLECT_ENTRY_A_FAMILY],
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

/* SET_CONFIG: REFLECT_A_CONFIG alone, parsed into @tb. */
int reflect_request_parse_config(struct genl_info *info, struct nlattr **tb)
{
	int err;

	err = reflect_request_only_attrs(info->attrs, BIT(REFLECT_A_CONFIG),
					 info->extack);
	if (err)
		return err;
	if (!info->attrs[REFLECT_A_CONFIG]) {
		NL_SET_ERR_MSG(info->extack, "REFLECT_A_CONFIG is missing");
		return -EINVAL;
	}
	return nla_parse_nested(tb, REFLECT_CONFIG_A_MAX,
				info->attrs[REFLECT_A_CONFIG], config_policy,
				info->extack);
}

/*
 * The key of ADD_ENTRY and DEL_ENTRY, as the hooks would build it in the
 * namespace's current mode: addresses, and in flow mode optionally a
 * protocol with ports (an entry of a protocol without ports has none).
 */
int reflect_request_parse_key(struct reflect_net *rn, struct nlattr **tb,
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
	err = reflect_request_parse_addr(tb[REFLECT_ENTRY_A_FAMILY],
					 tb[REFLECT_ENTRY_A_LOCAL],
					 &key->family, &key->local, extack);
	if (err)
		return err;
	err = reflect_request_parse_addr(tb[REFLECT_ENTRY_A_FAMILY],
					 tb[REFLECT_ENTRY_A_PEER], &family,
					 &key->peer, extack);
	if (err)
		return err;
	if (family != key->family) {
		NL_SET_ERR_MSG_ATTR(extack, tb[REFLECT_ENTRY_A_PEER],
				    "local and peer families differ");
		return -EINVAL;
	}

	if (tb[REFLECT_ENTRY_A_DOMAIN])
		key->domain = nla_get_u32(tb[REFLECT_ENTRY_A_DOMAIN]);
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

/*
 * Parses REFLECT_A_ENTRY of ADD_ENTRY/DEL_ENTRY into @tb, allowing
 * @allowed in it and @top (besides REFLECT_A_ENTRY) around it.
 */
int reflect_request_parse_entry(struct genl_info *info, struct nlattr **tb,
				unsigned long top, unsigned long allowed)
{
	struct nlattr *nest = info->attrs[REFLECT_A_ENTRY];
	int err;

	err = reflect_request_only_attrs(info->attrs,
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

/*
 * ADD_SCOPE needs every attribute of the prefix; DEL_SCOPE may leave out
 * the action (then any action matches).
 */
int reflect_request_parse_scope(struct genl_info *info,
				struct reflect_scope *s, bool need_action,
				bool *has_action)
{
	struct nlattr *tb[REFLECT_SCOPE_A_MAX + 1];
	struct nlattr *nest = info->attrs[REFLECT_A_SCOPE];
	int err;

	err = reflect_request_only_attrs(info->attrs, BIT(REFLECT_A_SCOPE),
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
	err = reflect_request_parse_addr(tb[REFLECT_SCOPE_A_FAMILY],
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

/* REFLECT_A_NEXTHOP of ADD_NEXTHOP and DEL_NEXTHOP. */
int reflect_request_parse_nexthop(struct genl_info *info,
				  struct reflect_router *r)
{
	struct nlattr *tb[REFLECT_NEXTHOP_A_MAX + 1];
	struct nlattr *nest = info->attrs[REFLECT_A_NEXTHOP];
	struct nlattr *addr, *lladdr;
	int err;

	err = reflect_request_only_attrs(info->attrs, BIT(REFLECT_A_NEXTHOP),
					 info->extack);
	if (err)
		return err;
	if (!nest) {
		NL_SET_ERR_MSG(info->extack, "REFLECT_A_NEXTHOP is missing");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, REFLECT_NEXTHOP_A_MAX, nest, nexthop_policy,
			       info->extack);
	if (err)
		return err;
	addr = tb[REFLECT_NEXTHOP_A_ADDR];
	lladdr = tb[REFLECT_NEXTHOP_A_LLADDR];
	if (!tb[REFLECT_NEXTHOP_A_IFINDEX] || !addr == !lladdr) {
		NL_SET_ERR_MSG_ATTR(info->extack, nest,
				    "a next hop needs IFINDEX and exactly one of ADDR and LLADDR");
		return -EINVAL;
	}

	memset(r, 0, sizeof(*r));
	r->ifindex = nla_get_u32(tb[REFLECT_NEXTHOP_A_IFINDEX]);
	if (addr)
		return reflect_request_parse_addr(tb[REFLECT_NEXTHOP_A_FAMILY],
						  addr, &r->family, &r->addr,
						  info->extack);
	if (tb[REFLECT_NEXTHOP_A_FAMILY]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[REFLECT_NEXTHOP_A_FAMILY],
				    "FAMILY goes with ADDR, not LLADDR");
		return -EINVAL;
	}
	if (!is_valid_ether_addr(nla_data(lladdr))) {
		NL_SET_ERR_MSG_ATTR(info->extack, lladdr,
				    "the MAC address must be unicast and not zero");
		return -EINVAL;
	}
	ether_addr_copy(r->mac, nla_data(lladdr));
	return 0;
}
