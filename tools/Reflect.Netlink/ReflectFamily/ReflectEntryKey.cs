// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.NetworkInformation;

namespace Reflect.Netlink;

/// <summary>The flow part of an entry's key, in flow mode: REFLECT_ENTRY_A_PROTO and both ports, which go together.</summary>
/// <param name="Protocol">REFLECT_ENTRY_A_PROTO: the IP protocol, e.g. 6 for TCP.</param>
/// <param name="LocalPort">REFLECT_ENTRY_A_LOCAL_PORT.</param>
/// <param name="PeerPort">REFLECT_ENTRY_A_PEER_PORT.</param>
public sealed record ReflectFlow(byte Protocol, ushort LocalPort, ushort PeerPort);

/// <summary>
/// What an entry is found by (REFLECT_CMD_DEL_ENTRY, and the existing entry that
/// REFLECT_CMD_ADD_ENTRY replaces): the local and peer addresses, of one family, and in flow
/// mode optionally the flow. A key without a flow is a peer key, which flow mode takes too.
/// </summary>
public sealed record ReflectEntryKey(IPAddress Local, IPAddress Peer, ReflectFlow? Flow = null)
{
    /// <summary>REFLECT_ENTRY_A_PEER: of <see cref="Local"/>'s family, as the kernel requires.</summary>
    public IPAddress Peer { get; init; } = OfSameFamily(Local, Peer);

    private static IPAddress OfSameFamily(IPAddress local, IPAddress peer)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(peer);
        return local.AddressFamily == peer.AddressFamily ? peer
            : throw new ArgumentException($"peer {peer} and local address {local} are of different families", nameof(peer));
    }
}

/// <summary>What REFLECT_CMD_ADD_ENTRY puts in the table.</summary>
/// <param name="Key">The entry's key.</param>
/// <param name="IfIndex">REFLECT_ENTRY_A_IFINDEX: an interface reflection is enabled on.</param>
/// <param name="LinkLayerAddress">REFLECT_ENTRY_A_LLADDR: the next hop, 6 bytes, unicast.</param>
/// <param name="Static">
/// REFLECT_ENTRY_F_STATIC: pinned, never aged, moved or evicted. Without it the entry is as
/// if just learned, what a standby loads from its active node's table.
/// </param>
public sealed record ReflectNewEntry(ReflectEntryKey Key, int IfIndex, PhysicalAddress LinkLayerAddress, bool Static = false);
