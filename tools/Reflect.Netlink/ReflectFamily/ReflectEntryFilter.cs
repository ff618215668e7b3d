// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.Sockets;

namespace Reflect.Netlink;

/// <summary>
/// Which entries REFLECT_CMD_GET_ENTRY lists and REFLECT_CMD_FLUSH drops: those matching every
/// property that is set. <see cref="None"/> matches every entry, static ones included.
/// </summary>
public sealed record ReflectEntryFilter
{
    /// <summary>No filter: every entry.</summary>
    public static ReflectEntryFilter None { get; } = new();

    /// <summary>REFLECT_A_IFINDEX: entries learned on this interface.</summary>
    public int? IfIndex { get; init; }

    /// <summary>REFLECT_ENTRY_A_FAMILY: InterNetwork or InterNetworkV6 entries only.</summary>
    public AddressFamily? Family { get; init; }

    /// <summary>REFLECT_ENTRY_A_LOCAL: entries of this local address.</summary>
    public IPAddress? Local { get; init; }

    /// <summary>REFLECT_ENTRY_A_PEER and _PEER_PREFIXLEN: entries whose peer is in this prefix (host bits zero).</summary>
    public IPNetwork? Peer { get; init; }

    /// <summary>REFLECT_ENTRY_A_FLAGS with REFLECT_ENTRY_F_STATIC: static entries only.</summary>
    public bool StaticOnly { get; init; }
}
