/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * reflect: IP reflection for Linux storage appliances.
 *
 * This header is the contract between reflect.ko and every user-space tool.
 * The C# side (tools/Reflect.Netlink) mirrors these names verbatim, and a unit
 * test parses this file to check that its constants equal the values below.
 *
 * Transport: generic netlink, family REFLECT_GENL_NAME, version
 * REFLECT_GENL_VERSION, multicast group REFLECT_GENL_MCGRP_EVENTS (below).
 * Every command acts on the network namespace of the socket that sends it.
 * Commands that change state need CAP_NET_ADMIN in the user namespace owning
 * that network namespace (GENL_UNS_ADMIN_PERM); reading (status,
 * configuration, interfaces, entries, statistics, events) does not.
 * Unknown attributes and flags are rejected with an extended-ack message.
 *
 * Commands
 * --------
 *
 * REFLECT_CMD_GET_STATUS  (do)
 *   request:  no attributes
 *   reply:    REFLECT_A_VERSION   NLA_NUL_STRING  module version
 *             REFLECT_A_STATS     NLA_NESTED      namespace's counters (below)
 *             REFLECT_A_CONFIG    NLA_NESTED      namespace's configuration
 *
 * REFLECT_CMD_GET_CONFIG  (do)
 *   reply:    REFLECT_A_CONFIG    NLA_NESTED      every REFLECT_CONFIG_A_*
 *
 * REFLECT_CMD_SET_CONFIG  (do, admin)
 *   request:  REFLECT_A_CONFIG    NLA_NESTED      any subset of:
 *     REFLECT_CONFIG_A_ENABLED          NLA_U8   0 off, 1 on (global switch)
 *     REFLECT_CONFIG_A_MODE             NLA_U8   enum reflect_mode
 *     REFLECT_CONFIG_A_IDLE_TIMEOUT     NLA_U32  seconds an entry lives
 *                                                without traffic (1..86400)
 *     REFLECT_CONFIG_A_MAX_ENTRIES      NLA_U32  table limit (1..16777216;
 *                                                above REFLECT_MAX_ENTRIES_UNPRIV
 *                                                needs CAP_NET_ADMIN in the
 *                                                initial user namespace)
 *     REFLECT_CONFIG_A_RETRANS_THRESHOLD NLA_U32 from this many consecutive
 *                                                TCP retransmissions on, the
 *                                                socket's packets are routed
 *                                                (0 disables the check)
 *     REFLECT_CONFIG_A_CONFIRM_PACKETS  NLA_U32  packets a new next hop must
 *                                                carry, with none from the old
 *                                                one in between, before an
 *                                                entry moves to it (1..1000)
 *     REFLECT_CONFIG_A_CONFIRM_MS       NLA_U32  ... over at least this long
 *                                                (0..60000)
 *     REFLECT_CONFIG_A_MIN_MOVE_MS      NLA_U32  an entry moves at most once
 *                                                in this interval (0..60000);
 *                                                faster moves count as flaps
 *     REFLECT_CONFIG_A_EVICT_IDLE       NLA_U32  when the table is full, an
 *                                                entry idle this many seconds
 *                                                may be evicted for a new one
 *     REFLECT_CONFIG_A_EVENT_RATE       NLA_U32  events announced per second
 *                                                at most (0..1000000; 0: none)
 *     REFLECT_CONFIG_A_LEARN            NLA_U8   enum reflect_learn: TRUSTED
 *                                                (default) learns a peer only
 *                                                through a trusted next hop: its
 *                                                own neighbour entry's MAC for
 *                                                an on-link peer, else a router
 *                                                (a gateway of any routing table
 *                                                of the namespace on that
 *                                                interface, or one named with
 *                                                ADD_NEXTHOP); ANY learns any
 *                                                MAC, which lets a host on the
 *                                                LAN that forges a quiet peer's
 *                                                address take its replies
 *     REFLECT_CONFIG_A_OUTBOUND         NLA_U8   1 (default): flows this host
 *                                                opens (conntrack's original
 *                                                direction) are reflected too;
 *                                                0: they are routed
 *   Changing MODE flushes the table, static entries included (their keys
 *   differ).
 *
 * REFLECT_CMD_ADD_IFACE, REFLECT_CMD_DEL_IFACE  (do, admin)
 *   request:  REFLECT_A_IFINDEX NLA_U32 or REFLECT_A_IFNAME NLA_NUL_STRING,
 *             exactly one. Deleting an interface drops its entries.
 * REFLECT_CMD_GET_IFACE  (dump)
 *   one message per enabled interface: REFLECT_A_IFINDEX, REFLECT_A_IFNAME,
 *   REFLECT_A_STATS (that interface's counters)
 *
 * Entry filters (GET_ENTRY and FLUSH), all optional, all must match:
 *   REFLECT_A_IFINDEX                       learned on this interface
 *   REFLECT_A_ENTRY NLA_NESTED with any of
 *     REFLECT_ENTRY_A_FAMILY     NLA_U8     AF_INET or AF_INET6 only
 *     REFLECT_ENTRY_A_LOCAL      NLA_BINARY this local address
 *     REFLECT_ENTRY_A_PEER       NLA_BINARY peers in this prefix, of
 *     REFLECT_ENTRY_A_PEER_PREFIXLEN NLA_U8 this length (default: the whole
 *                                           address; host bits must be zero)
 *     REFLECT_ENTRY_A_FLAGS      NLA_U32    entries with all these flags
 *                                           (REFLECT_ENTRY_F_STATIC only)
 *
 * REFLECT_CMD_GET_ENTRY  (dump)
 *   request: the entry filters
 *   one message per entry: REFLECT_A_ENTRY NLA_NESTED:
 *     REFLECT_ENTRY_A_FAMILY      NLA_U8    AF_INET or AF_INET6
 *     REFLECT_ENTRY_A_LOCAL       NLA_BINARY 4 or 16 bytes, network order
 *     REFLECT_ENTRY_A_PEER        NLA_BINARY 4 or 16 bytes, network order
 *     REFLECT_ENTRY_A_PROTO       NLA_U8    flow mode only: IP protocol
 *     REFLECT_ENTRY_A_LOCAL_PORT  NLA_U16   flow mode only (host order)
 *     REFLECT_ENTRY_A_PEER_PORT   NLA_U16   flow mode only (host order)
 *     REFLECT_ENTRY_A_IFINDEX     NLA_U32   learned interface
 *     REFLECT_ENTRY_A_LLADDR      NLA_BINARY 6 bytes: the learned next hop
 *     REFLECT_ENTRY_A_IDLE_MS     NLA_U32   since the last learned packet
 *     REFLECT_ENTRY_A_FLAGS       NLA_U32   REFLECT_ENTRY_F_*
 *     REFLECT_ENTRY_A_MOVES       NLA_U32   next-hop changes so far
 *     REFLECT_ENTRY_A_FLAPS       NLA_U32   moves refused as too fast
 *     REFLECT_ENTRY_A_PACKETS     NLA_U64   packets reflected with it
 *     REFLECT_ENTRY_A_DOMAIN      NLA_U32   the key's layer-3 domain: for an
 *                                           IPv6 link-local peer the ifindex
 *                                           of its link, else that of the VRF
 *                                           the interface is a slave of, else 0
 *   A dump larger than one message is split between hash buckets: a part
 *   holds whole buckets and the next part resumes at the first bucket left
 *   out, so an entry is never sent twice even while the table changes (a
 *   single bucket too large for a message, which the hash makes unlikely,
 *   is split inside and resumed by position). If the table changed between
 *   two parts, the later part carries NLM_F_DUMP_INTR: entries added or
 *   removed meanwhile may be missing or included; dump again for a snapshot.
 *
 * REFLECT_CMD_ADD_ENTRY  (do, admin)
 *   request:  REFLECT_A_ENTRY NLA_NESTED:
 *     REFLECT_ENTRY_A_LOCAL, REFLECT_ENTRY_A_PEER (same length; FAMILY, if
 *     given, must agree), REFLECT_ENTRY_A_IFINDEX (an interface reflection
 *     is enabled on), REFLECT_ENTRY_A_LLADDR (6 bytes, unicast),
 *     optional REFLECT_ENTRY_A_FLAGS (REFLECT_ENTRY_F_STATIC: pinned, never
 *     aged, moved or evicted; without it the entry is as if just learned:
 *     what `reflectctl restore` loads on a standby), and in flow mode
 *     optional REFLECT_ENTRY_A_PROTO with both ports (a peer key without).
 *     The key's DOMAIN follows from the interface and the peer.
 *   and, beside REFLECT_A_ENTRY, optional REFLECT_A_REPLACE NLA_FLAG.
 *   An existing entry of the key is an error (EEXIST) unless the request
 *   has REFLECT_A_REPLACE, which replaces its next hop and flags (an
 *   attribute, not NLM_F_REPLACE: generic netlink refuses that flag for
 *   this family on 6.1 and later). A full table evicts an idle entry as
 *   learning does, or fails with ENOSPC.
 *
 * REFLECT_CMD_DEL_ENTRY  (do, admin)
 *   request:  REFLECT_A_ENTRY with the key (LOCAL, PEER, and in flow mode
 *             PROTO and ports if the entry has them, and DOMAIN if it is
 *             not 0); ENOENT if absent
 *
 * REFLECT_CMD_FLUSH  (do, admin)
 *   request:  the entry filters; no filter drops every entry, static ones
 *             included
 *
 * REFLECT_CMD_ADD_SCOPE, REFLECT_CMD_DEL_SCOPE  (do, admin)
 *   request:  REFLECT_A_SCOPE NLA_NESTED:
 *     REFLECT_SCOPE_A_FAMILY     NLA_U8     AF_INET or AF_INET6
 *     REFLECT_SCOPE_A_ADDR       NLA_BINARY 4 or 16 bytes (host bits zero)
 *     REFLECT_SCOPE_A_PREFIXLEN  NLA_U8     0..32 or 0..128
 *     REFLECT_SCOPE_A_ACTION     NLA_U8     enum reflect_scope_action
 *   Local addresses are learned when no INCLUDE prefix exists or one
 *   contains them, and no EXCLUDE prefix contains them (an LVS-DR VIP, say).
 *   Adding or deleting a prefix drops the entries it newly puts out of scope.
 * REFLECT_CMD_GET_SCOPE  (dump): one REFLECT_A_SCOPE per prefix
 *
 * REFLECT_CMD_ADD_NEXTHOP, REFLECT_CMD_DEL_NEXTHOP  (do, admin)
 *   request:  REFLECT_A_NEXTHOP NLA_NESTED:
 *     REFLECT_NEXTHOP_A_IFINDEX  NLA_U32    the interface it is reached on
 *     and exactly one of
 *     REFLECT_NEXTHOP_A_ADDR     NLA_BINARY 4 or 16 bytes: the router's address
 *                                           on that link (FAMILY, if given,
 *                                           must agree)
 *     REFLECT_NEXTHOP_A_LLADDR   NLA_BINARY 6 bytes, unicast: its MAC address
 *   Names a trusted next hop (a router) beside the routing tables' gateways,
 *   REFLECT_NEXTHOPS_NAMED_MAX per namespace. By address, a router is known
 *   by the MAC address its neighbour entry has; by MAC address, by that MAC
 *   (the routers of a VRRP or HSRP pair forward with their own MAC addresses
 *   while the gateway address resolves to the virtual one: name each router,
 *   or its MAC). Removed with the interface's device.
 * REFLECT_CMD_GET_NEXTHOP  (dump): one REFLECT_A_NEXTHOP per named next
 *   hop, with FAMILY (AF_INET, AF_INET6, or AF_PACKET for a MAC address)
 *
 * REFLECT_CMD_EVENT  (notification on REFLECT_GENL_MCGRP_EVENTS only)
 *   REFLECT_A_EVENT        NLA_U8     enum reflect_event
 *   REFLECT_A_ENTRY        NLA_NESTED the entry as GET_ENTRY sends it (for
 *                                     MOVE its new next hop; for FLAP the
 *                                     next hop it keeps; for UNTRUSTED and
 *                                     HOLD the key and the next hop refused,
 *                                     with zero counters)
 *   REFLECT_A_EVENTS_LOST  NLA_U32    events of this namespace not announced
 *                                     since the previous one (rate limit or
 *                                     no memory); absent when none
 *   Events are announced only while someone listens, at most EVENT_RATE a
 *   second per namespace (a token bucket with a one-second burst). A
 *   listener that reads too slowly gets ENOBUFS from its socket, as with
 *   any netlink multicast. Reading the group needs no privilege.
 *
 * REFLECT_CMD_GET_LOCAL  (dump)
 *   one message per local address seen: REFLECT_A_ENTRY with
 *   REFLECT_ENTRY_A_FAMILY and REFLECT_ENTRY_A_LOCAL, and REFLECT_A_STATS
 *
 * Counters (REFLECT_A_STATS, NLA_NESTED of NLA_U64, padded with
 * REFLECT_STATS_A_PAD): the same set globally, per interface and per local
 * address, except the four hook counters and ENTRIES, which are global.
 *   PRE_IPV4/PRE_IPV6   packets seen by the learning hook (in LOCAL_IN)
 *   OUT_IPV4/OUT_IPV6   packets seen by the LOCAL_OUT hook
 *   LEARNED             entries created
 *   REFRESHED           packets that refreshed an entry
 *   MOVED               entries moved to a new next hop
 *   FLAPS               moves refused because the entry moved too recently
 *   HELD                packets from a new next hop held back as unconfirmed
 *   SKIPPED             packets not learned: not Ethernet-like, or not to a
 *                       unicast local address, or out of scope
 *   REFLECTED_PACKETS   packets sent the learned way
 *   REFLECTED_BYTES     their bytes
 *   MISS                locally generated packets with no entry
 *   FB_*                packets routed normally, by reason:
 *     FB_DISABLED   reflection is off      FB_STALE    the entry is idle
 *     FB_DEV_GONE   interface removed      FB_DEV_DOWN interface down
 *     FB_NO_CARRIER no carrier             FB_RETRANS  TCP retransmitting
 *     FB_DST_TYPE   multicast, broadcast or local destination, or a route
 *                   through an IPsec policy or a tunnel
 *     FB_NO_NEIGH   no neighbour entry (ARP, NDP) of the interface has the
 *                   learned MAC address, so no gateway to send through
 *     FB_MTU        not counted since reflected packets take the stack's
 *                   own output path, which fragments them; kept so that
 *                   the numbering holds
 *   UNTRUSTED           packets not learned: their next hop is not trusted
 *                       (LEARN TRUSTED), as from a host forging a peer
 *   FB_UNTRUSTED        (a fallback reason) a learned entry's next hop is no
 *                       longer trusted
 *   FB_OUTBOUND         (a fallback reason) a flow this host opened, with
 *                       OUTBOUND 0
 *   TABLE_FULL          entries not created because the table was full
 *   EVICTED             idle entries evicted to make room
 *   EXPIRED             entries aged out
 *   ENTRIES             entries in the table now
 *
 * Readers must ignore attributes they do not know: later versions add
 * counters and commands without renumbering existing ones.
 */
#ifndef _UAPI_REFLECT_H
#define _UAPI_REFLECT_H

#define REFLECT_GENL_NAME	"REFLECT"
#define REFLECT_GENL_VERSION	1
#define REFLECT_GENL_MCGRP_EVENTS	"events"

/*
 * The largest REFLECT_CONFIG_A_MAX_ENTRIES a caller without CAP_NET_ADMIN in
 * the initial user namespace may set (entries take at most 128 bytes, so
 * 8 MiB of them), and the most a network namespace owned by another user
 * namespace starts with, whatever the max_entries module parameter says.
 * Everything such a namespace allocates is charged to a memory cgroup.
 */
#define REFLECT_MAX_ENTRIES_UNPRIV	65536

enum reflect_cmd {
	REFLECT_CMD_UNSPEC,
	REFLECT_CMD_GET_STATUS,
	REFLECT_CMD_GET_CONFIG,
	REFLECT_CMD_SET_CONFIG,
	REFLECT_CMD_ADD_IFACE,
	REFLECT_CMD_DEL_IFACE,
	REFLECT_CMD_GET_IFACE,
	REFLECT_CMD_GET_ENTRY,
	REFLECT_CMD_FLUSH,
	REFLECT_CMD_GET_LOCAL,
	REFLECT_CMD_ADD_SCOPE,
	REFLECT_CMD_DEL_SCOPE,
	REFLECT_CMD_GET_SCOPE,
	REFLECT_CMD_ADD_ENTRY,
	REFLECT_CMD_DEL_ENTRY,
	REFLECT_CMD_EVENT,
	REFLECT_CMD_ADD_NEXTHOP,
	REFLECT_CMD_DEL_NEXTHOP,
	REFLECT_CMD_GET_NEXTHOP,
	__REFLECT_CMD_MAX
};

#define REFLECT_CMD_MAX (__REFLECT_CMD_MAX - 1)

enum reflect_attr {
	REFLECT_A_UNSPEC,
	REFLECT_A_VERSION,
	REFLECT_A_STATS,
	REFLECT_A_CONFIG,
	REFLECT_A_IFINDEX,
	REFLECT_A_IFNAME,
	REFLECT_A_ENTRY,
	REFLECT_A_SCOPE,
	REFLECT_A_EVENT,
	REFLECT_A_EVENTS_LOST,
	REFLECT_A_REPLACE,
	REFLECT_A_NEXTHOP,
	__REFLECT_A_MAX
};

#define REFLECT_A_MAX (__REFLECT_A_MAX - 1)

enum reflect_nexthop_attr {
	REFLECT_NEXTHOP_A_UNSPEC,
	REFLECT_NEXTHOP_A_IFINDEX,
	REFLECT_NEXTHOP_A_FAMILY,
	REFLECT_NEXTHOP_A_ADDR,
	REFLECT_NEXTHOP_A_LLADDR,
	__REFLECT_NEXTHOP_A_MAX
};

#define REFLECT_NEXTHOP_A_MAX (__REFLECT_NEXTHOP_A_MAX - 1)

/* How many next hops a namespace may name (REFLECT_CMD_ADD_NEXTHOP). */
#define REFLECT_NEXTHOPS_NAMED_MAX	256

enum reflect_stats_attr {
	REFLECT_STATS_A_UNSPEC,
	REFLECT_STATS_A_PAD,
	REFLECT_STATS_A_PRE_IPV4,
	REFLECT_STATS_A_PRE_IPV6,
	REFLECT_STATS_A_OUT_IPV4,
	REFLECT_STATS_A_OUT_IPV6,
	REFLECT_STATS_A_LEARNED,
	REFLECT_STATS_A_REFRESHED,
	REFLECT_STATS_A_MOVED,
	REFLECT_STATS_A_FLAPS,
	REFLECT_STATS_A_HELD,
	REFLECT_STATS_A_SKIPPED,
	REFLECT_STATS_A_REFLECTED_PACKETS,
	REFLECT_STATS_A_REFLECTED_BYTES,
	REFLECT_STATS_A_MISS,
	REFLECT_STATS_A_FB_DISABLED,
	REFLECT_STATS_A_FB_STALE,
	REFLECT_STATS_A_FB_DEV_GONE,
	REFLECT_STATS_A_FB_DEV_DOWN,
	REFLECT_STATS_A_FB_NO_CARRIER,
	REFLECT_STATS_A_FB_MTU,
	REFLECT_STATS_A_FB_RETRANS,
	REFLECT_STATS_A_FB_DST_TYPE,
	REFLECT_STATS_A_TABLE_FULL,
	REFLECT_STATS_A_EVICTED,
	REFLECT_STATS_A_EXPIRED,
	REFLECT_STATS_A_ENTRIES,
	REFLECT_STATS_A_FB_NO_NEIGH,
	REFLECT_STATS_A_UNTRUSTED,
	REFLECT_STATS_A_FB_UNTRUSTED,
	REFLECT_STATS_A_FB_OUTBOUND,
	__REFLECT_STATS_A_MAX
};

#define REFLECT_STATS_A_MAX (__REFLECT_STATS_A_MAX - 1)

enum reflect_mode {
	REFLECT_MODE_PEER,	/* key: local address, peer address */
	REFLECT_MODE_FLOW,	/* key: addresses, protocol and ports */
	__REFLECT_MODE_MAX
};

#define REFLECT_MODE_MAX (__REFLECT_MODE_MAX - 1)

enum reflect_learn {
	REFLECT_LEARN_TRUSTED,	/* only from trusted next hops (the default) */
	REFLECT_LEARN_ANY,	/* from any MAC address: see LEARN above */
	__REFLECT_LEARN_MAX
};

#define REFLECT_LEARN_MAX (__REFLECT_LEARN_MAX - 1)

enum reflect_config_attr {
	REFLECT_CONFIG_A_UNSPEC,
	REFLECT_CONFIG_A_ENABLED,
	REFLECT_CONFIG_A_MODE,
	REFLECT_CONFIG_A_IDLE_TIMEOUT,
	REFLECT_CONFIG_A_MAX_ENTRIES,
	REFLECT_CONFIG_A_RETRANS_THRESHOLD,
	REFLECT_CONFIG_A_CONFIRM_PACKETS,
	REFLECT_CONFIG_A_CONFIRM_MS,
	REFLECT_CONFIG_A_MIN_MOVE_MS,
	REFLECT_CONFIG_A_EVICT_IDLE,
	REFLECT_CONFIG_A_EVENT_RATE,
	REFLECT_CONFIG_A_LEARN,
	REFLECT_CONFIG_A_OUTBOUND,
	__REFLECT_CONFIG_A_MAX
};

#define REFLECT_CONFIG_A_MAX (__REFLECT_CONFIG_A_MAX - 1)

enum reflect_entry_attr {
	REFLECT_ENTRY_A_UNSPEC,
	REFLECT_ENTRY_A_PAD,
	REFLECT_ENTRY_A_FAMILY,
	REFLECT_ENTRY_A_LOCAL,
	REFLECT_ENTRY_A_PEER,
	REFLECT_ENTRY_A_PROTO,
	REFLECT_ENTRY_A_LOCAL_PORT,
	REFLECT_ENTRY_A_PEER_PORT,
	REFLECT_ENTRY_A_IFINDEX,
	REFLECT_ENTRY_A_LLADDR,
	REFLECT_ENTRY_A_IDLE_MS,
	REFLECT_ENTRY_A_FLAGS,
	REFLECT_ENTRY_A_MOVES,
	REFLECT_ENTRY_A_FLAPS,
	REFLECT_ENTRY_A_PACKETS,
	REFLECT_ENTRY_A_PEER_PREFIXLEN,
	REFLECT_ENTRY_A_DOMAIN,
	__REFLECT_ENTRY_A_MAX
};

#define REFLECT_ENTRY_A_MAX (__REFLECT_ENTRY_A_MAX - 1)

enum reflect_scope_attr {
	REFLECT_SCOPE_A_UNSPEC,
	REFLECT_SCOPE_A_FAMILY,
	REFLECT_SCOPE_A_ADDR,
	REFLECT_SCOPE_A_PREFIXLEN,
	REFLECT_SCOPE_A_ACTION,
	__REFLECT_SCOPE_A_MAX
};

#define REFLECT_SCOPE_A_MAX (__REFLECT_SCOPE_A_MAX - 1)

enum reflect_scope_action {
	REFLECT_SCOPE_INCLUDE,
	REFLECT_SCOPE_EXCLUDE,
	__REFLECT_SCOPE_MAX
};

#define REFLECT_SCOPE_MAX (__REFLECT_SCOPE_MAX - 1)

enum reflect_event {
	REFLECT_EVENT_LEARN,	/* a new entry learned */
	REFLECT_EVENT_MOVE,	/* an entry moved to a new next hop */
	REFLECT_EVENT_FLAP,	/* a move refused: the entry moved too recently */
	REFLECT_EVENT_EXPIRE,	/* an entry aged out */
	REFLECT_EVENT_EVICT,	/* an idle entry evicted from a full table */
	REFLECT_EVENT_UNTRUSTED, /* a packet not learned: untrusted next hop */
	REFLECT_EVENT_HOLD,	/* a packet from another next hop held back */
	__REFLECT_EVENT_MAX
};

#define REFLECT_EVENT_MAX (__REFLECT_EVENT_MAX - 1)

/* REFLECT_ENTRY_A_FLAGS */
#define REFLECT_ENTRY_F_STATIC	(1U << 0)	/* pinned: never aged or re-learned */
#define REFLECT_ENTRY_F_STALE	(1U << 1)	/* idle past the timeout */
#define __REFLECT_ENTRY_F_ALL	(REFLECT_ENTRY_F_STATIC | REFLECT_ENTRY_F_STALE)

#endif /* _UAPI_REFLECT_H */
