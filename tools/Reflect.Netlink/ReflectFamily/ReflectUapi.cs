// SPDX-License-Identifier: MIT
using System.Diagnostics.CodeAnalysis;

namespace Reflect.Netlink;

/// <summary>
/// The constants of kmod/uapi/reflect.h, named verbatim so that a grep finds both sides.
/// Netlink.UapiHeaderTests parses the header and checks that every value here equals it.
/// </summary>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores",
    Justification = "Names mirror the C header verbatim.")]
public static class ReflectUapi
{
    public const string REFLECT_GENL_NAME = "REFLECT";
    public const byte REFLECT_GENL_VERSION = 1;

    // enum reflect_cmd: the genlmsghdr command byte.
    public const byte REFLECT_CMD_UNSPEC = 0;
    public const byte REFLECT_CMD_GET_STATUS = 1;
    public const byte REFLECT_CMD_MAX = REFLECT_CMD_GET_STATUS;

    // enum reflect_attr: top-level attributes.
    public const ushort REFLECT_A_UNSPEC = 0;
    public const ushort REFLECT_A_VERSION = 1;
    public const ushort REFLECT_A_STATS = 2;
    public const ushort REFLECT_A_MAX = REFLECT_A_STATS;

    // enum reflect_stats_attr: attributes nested in REFLECT_A_STATS.
    public const ushort REFLECT_STATS_A_UNSPEC = 0;
    public const ushort REFLECT_STATS_A_PAD = 1;
    public const ushort REFLECT_STATS_A_PRE_IPV4 = 2;
    public const ushort REFLECT_STATS_A_PRE_IPV6 = 3;
    public const ushort REFLECT_STATS_A_OUT_IPV4 = 4;
    public const ushort REFLECT_STATS_A_OUT_IPV6 = 5;
    public const ushort REFLECT_STATS_A_MAX = REFLECT_STATS_A_OUT_IPV6;
}
