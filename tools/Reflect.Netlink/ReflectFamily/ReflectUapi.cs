// SPDX-License-Identifier: MIT
using System.Diagnostics.CodeAnalysis;

namespace Reflect.Netlink;

/// <summary>
/// The constants of kmod/uapi/reflect.h, named verbatim so that a grep finds both sides.
/// Netlink.UapiHeaderTests parses the header and checks that every value here equals it,
/// and that nothing here is missing from it. Types are those of the wire: a command is the
/// genlmsghdr byte, an attribute type a u16, an enum carried in NLA_U8 a byte.
/// </summary>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores",
    Justification = "Names mirror the C header verbatim.")]
public static class ReflectUapi
{
    public const string REFLECT_GENL_NAME = "REFLECT";
    public const byte REFLECT_GENL_VERSION = 1;
    public const string REFLECT_GENL_MCGRP_EVENTS = "events";
    public const uint REFLECT_MAX_ENTRIES_UNPRIV = 65536;
    public const int REFLECT_NEXTHOPS_NAMED_MAX = 256;

    // enum reflect_cmd: the genlmsghdr command byte.
    public const byte REFLECT_CMD_UNSPEC = 0;
    public const byte REFLECT_CMD_GET_STATUS = 1;
    public const byte REFLECT_CMD_GET_CONFIG = 2;
    public const byte REFLECT_CMD_SET_CONFIG = 3;
    public const byte REFLECT_CMD_ADD_IFACE = 4;
    public const byte REFLECT_CMD_DEL_IFACE = 5;
    public const byte REFLECT_CMD_GET_IFACE = 6;
    public const byte REFLECT_CMD_GET_ENTRY = 7;
    public const byte REFLECT_CMD_FLUSH = 8;
    public const byte REFLECT_CMD_GET_LOCAL = 9;
    public const byte REFLECT_CMD_ADD_SCOPE = 10;
    public const byte REFLECT_CMD_DEL_SCOPE = 11;
    public const byte REFLECT_CMD_GET_SCOPE = 12;
    public const byte REFLECT_CMD_ADD_ENTRY = 13;
    public const byte REFLECT_CMD_DEL_ENTRY = 14;
    public const byte REFLECT_CMD_EVENT = 15;
    public const byte REFLECT_CMD_ADD_NEXTHOP = 16;
    public const byte REFLECT_CMD_DEL_NEXTHOP = 17;
    public const byte REFLECT_CMD_GET_NEXTHOP = 18;
    public const byte REFLECT_CMD_MAX = REFLECT_CMD_GET_NEXTHOP;

    // enum reflect_attr: top-level attributes.
    public const ushort REFLECT_A_UNSPEC = 0;
    public const ushort REFLECT_A_VERSION = 1;
    public const ushort REFLECT_A_STATS = 2;
    public const ushort REFLECT_A_CONFIG = 3;
    public const ushort REFLECT_A_IFINDEX = 4;
    public const ushort REFLECT_A_IFNAME = 5;
    public const ushort REFLECT_A_ENTRY = 6;
    public const ushort REFLECT_A_SCOPE = 7;
    public const ushort REFLECT_A_EVENT = 8;
    public const ushort REFLECT_A_EVENTS_LOST = 9;
    public const ushort REFLECT_A_REPLACE = 10;
    public const ushort REFLECT_A_NEXTHOP = 11;
    public const ushort REFLECT_A_MAX = REFLECT_A_NEXTHOP;

    // enum reflect_nexthop_attr: attributes nested in REFLECT_A_NEXTHOP.
    public const ushort REFLECT_NEXTHOP_A_UNSPEC = 0;
    public const ushort REFLECT_NEXTHOP_A_IFINDEX = 1;
    public const ushort REFLECT_NEXTHOP_A_FAMILY = 2;
    public const ushort REFLECT_NEXTHOP_A_ADDR = 3;
    public const ushort REFLECT_NEXTHOP_A_LLADDR = 4;
    public const ushort REFLECT_NEXTHOP_A_MAX = REFLECT_NEXTHOP_A_LLADDR;

    // enum reflect_stats_attr: u64 counters nested in REFLECT_A_STATS.
    public const ushort REFLECT_STATS_A_UNSPEC = 0;
    public const ushort REFLECT_STATS_A_PAD = 1;
    public const ushort REFLECT_STATS_A_PRE_IPV4 = 2;
    public const ushort REFLECT_STATS_A_PRE_IPV6 = 3;
    public const ushort REFLECT_STATS_A_OUT_IPV4 = 4;
    public const ushort REFLECT_STATS_A_OUT_IPV6 = 5;
    public const ushort REFLECT_STATS_A_LEARNED = 6;
    public const ushort REFLECT_STATS_A_REFRESHED = 7;
    public const ushort REFLECT_STATS_A_MOVED = 8;
    public const ushort REFLECT_STATS_A_FLAPS = 9;
    public const ushort REFLECT_STATS_A_HELD = 10;
    public const ushort REFLECT_STATS_A_SKIPPED = 11;
    public const ushort REFLECT_STATS_A_REFLECTED_PACKETS = 12;
    public const ushort REFLECT_STATS_A_REFLECTED_BYTES = 13;
    public const ushort REFLECT_STATS_A_MISS = 14;
    public const ushort REFLECT_STATS_A_FB_DISABLED = 15;
    public const ushort REFLECT_STATS_A_FB_STALE = 16;
    public const ushort REFLECT_STATS_A_FB_DEV_GONE = 17;
    public const ushort REFLECT_STATS_A_FB_DEV_DOWN = 18;
    public const ushort REFLECT_STATS_A_FB_NO_CARRIER = 19;
    public const ushort REFLECT_STATS_A_FB_MTU = 20;
    public const ushort REFLECT_STATS_A_FB_RETRANS = 21;
    public const ushort REFLECT_STATS_A_FB_DST_TYPE = 22;
    public const ushort REFLECT_STATS_A_TABLE_FULL = 23;
    public const ushort REFLECT_STATS_A_EVICTED = 24;
    public const ushort REFLECT_STATS_A_EXPIRED = 25;
    public const ushort REFLECT_STATS_A_ENTRIES = 26;
    public const ushort REFLECT_STATS_A_FB_NO_NEIGH = 27;
    public const ushort REFLECT_STATS_A_UNTRUSTED = 28;
    public const ushort REFLECT_STATS_A_FB_UNTRUSTED = 29;
    public const ushort REFLECT_STATS_A_FB_OUTBOUND = 30;
    public const ushort REFLECT_STATS_A_MAX = REFLECT_STATS_A_FB_OUTBOUND;

    // enum reflect_mode: REFLECT_CONFIG_A_MODE.
    public const byte REFLECT_MODE_PEER = 0;
    public const byte REFLECT_MODE_FLOW = 1;
    public const byte REFLECT_MODE_MAX = REFLECT_MODE_FLOW;

    // enum reflect_learn: REFLECT_CONFIG_A_LEARN.
    public const byte REFLECT_LEARN_TRUSTED = 0;
    public const byte REFLECT_LEARN_ANY = 1;
    public const byte REFLECT_LEARN_MAX = REFLECT_LEARN_ANY;

    // enum reflect_config_attr: attributes nested in REFLECT_A_CONFIG.
    public const ushort REFLECT_CONFIG_A_UNSPEC = 0;
    public const ushort REFLECT_CONFIG_A_ENABLED = 1;
    public const ushort REFLECT_CONFIG_A_MODE = 2;
    public const ushort REFLECT_CONFIG_A_IDLE_TIMEOUT = 3;
    public const ushort REFLECT_CONFIG_A_MAX_ENTRIES = 4;
    public const ushort REFLECT_CONFIG_A_RETRANS_THRESHOLD = 5;
    public const ushort REFLECT_CONFIG_A_CONFIRM_PACKETS = 6;
    public const ushort REFLECT_CONFIG_A_CONFIRM_MS = 7;
    public const ushort REFLECT_CONFIG_A_MIN_MOVE_MS = 8;
    public const ushort REFLECT_CONFIG_A_EVICT_IDLE = 9;
    public const ushort REFLECT_CONFIG_A_EVENT_RATE = 10;
    public const ushort REFLECT_CONFIG_A_LEARN = 11;
    public const ushort REFLECT_CONFIG_A_OUTBOUND = 12;
    public const ushort REFLECT_CONFIG_A_MAX = REFLECT_CONFIG_A_OUTBOUND;

    // enum reflect_entry_attr: attributes nested in REFLECT_A_ENTRY.
    public const ushort REFLECT_ENTRY_A_UNSPEC = 0;
    public const ushort REFLECT_ENTRY_A_PAD = 1;
    public const ushort REFLECT_ENTRY_A_FAMILY = 2;
    public const ushort REFLECT_ENTRY_A_LOCAL = 3;
    public const ushort REFLECT_ENTRY_A_PEER = 4;
    public const ushort REFLECT_ENTRY_A_PROTO = 5;
    public const ushort REFLECT_ENTRY_A_LOCAL_PORT = 6;
    public const ushort REFLECT_ENTRY_A_PEER_PORT = 7;
    public const ushort REFLECT_ENTRY_A_IFINDEX = 8;
    public const ushort REFLECT_ENTRY_A_LLADDR = 9;
    public const ushort REFLECT_ENTRY_A_IDLE_MS = 10;
    public const ushort REFLECT_ENTRY_A_FLAGS = 11;
    public const ushort REFLECT_ENTRY_A_MOVES = 12;
    public const ushort REFLECT_ENTRY_A_FLAPS = 13;
    public const ushort REFLECT_ENTRY_A_PACKETS = 14;
    public const ushort REFLECT_ENTRY_A_PEER_PREFIXLEN = 15;
    public const ushort REFLECT_ENTRY_A_DOMAIN = 16;
    public const ushort REFLECT_ENTRY_A_MAX = REFLECT_ENTRY_A_DOMAIN;

    // enum reflect_scope_attr: attributes nested in REFLECT_A_SCOPE.
    public const ushort REFLECT_SCOPE_A_UNSPEC = 0;
    public const ushort REFLECT_SCOPE_A_FAMILY = 1;
    public const ushort REFLECT_SCOPE_A_ADDR = 2;
    public const ushort REFLECT_SCOPE_A_PREFIXLEN = 3;
    public const ushort REFLECT_SCOPE_A_ACTION = 4;
    public const ushort REFLECT_SCOPE_A_MAX = REFLECT_SCOPE_A_ACTION;

    // enum reflect_scope_action: REFLECT_SCOPE_A_ACTION.
    public const byte REFLECT_SCOPE_INCLUDE = 0;
    public const byte REFLECT_SCOPE_EXCLUDE = 1;
    public const byte REFLECT_SCOPE_MAX = REFLECT_SCOPE_EXCLUDE;

    // enum reflect_event: REFLECT_A_EVENT of a REFLECT_CMD_EVENT notification.
    public const byte REFLECT_EVENT_LEARN = 0;
    public const byte REFLECT_EVENT_MOVE = 1;
    public const byte REFLECT_EVENT_FLAP = 2;
    public const byte REFLECT_EVENT_EXPIRE = 3;
    public const byte REFLECT_EVENT_EVICT = 4;
    public const byte REFLECT_EVENT_UNTRUSTED = 5;
    public const byte REFLECT_EVENT_HOLD = 6;
    public const byte REFLECT_EVENT_MAX = REFLECT_EVENT_HOLD;

    // REFLECT_ENTRY_A_FLAGS bits.
    public const uint REFLECT_ENTRY_F_STATIC = 1U << 0;
    public const uint REFLECT_ENTRY_F_STALE = 1U << 1;
}
