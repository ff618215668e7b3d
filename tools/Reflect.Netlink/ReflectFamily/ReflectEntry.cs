// SPDX-License-Identifier: MIT
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Reflect.Netlink;

/// <summary>REFLECT_ENTRY_A_FLAGS: the REFLECT_ENTRY_F_* bits. Bits a later module adds are kept as they are.</summary>
[Flags]
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix",
    Justification = "Mirrors REFLECT_ENTRY_A_FLAGS.")]
public enum ReflectEntryFlags : uint
{
    None = 0,

    /// <summary>REFLECT_ENTRY_F_STATIC: pinned, never aged or re-learned.</summary>
    Static = ReflectUapi.REFLECT_ENTRY_F_STATIC,

    /// <summary>REFLECT_ENTRY_F_STALE: idle past the timeout.</summary>
    Stale = ReflectUapi.REFLECT_ENTRY_F_STALE,
}

/// <summary>One learned entry, as REFLECT_CMD_GET_ENTRY lists it (REFLECT_A_ENTRY).</summary>
/// <param name="Local">REFLECT_ENTRY_A_LOCAL: the local address.</param>
/// <param name="Peer">REFLECT_ENTRY_A_PEER: the remote address, of the same family.</param>
/// <param name="Protocol">REFLECT_ENTRY_A_PROTO: the IP protocol, in flow mode only.</param>
/// <param name="LocalPort">REFLECT_ENTRY_A_LOCAL_PORT, in flow mode only.</param>
/// <param name="PeerPort">REFLECT_ENTRY_A_PEER_PORT, in flow mode only.</param>
/// <param name="IfIndex">REFLECT_ENTRY_A_IFINDEX: the interface the entry was learned on.</param>
/// <param name="LinkLayerAddress">REFLECT_ENTRY_A_LLADDR: the learned next hop.</param>
/// <param name="IdleMilliseconds">REFLECT_ENTRY_A_IDLE_MS: time since the last learned packet.</param>
/// <param name="Flags">REFLECT_ENTRY_A_FLAGS.</param>
/// <param name="Moves">REFLECT_ENTRY_A_MOVES: next-hop changes so far.</param>
/// <param name="Flaps">REFLECT_ENTRY_A_FLAPS: moves refused as too fast.</param>
/// <param name="Packets">REFLECT_ENTRY_A_PACKETS: packets reflected with it.</param>
/// <param name="Domain">
/// REFLECT_ENTRY_A_DOMAIN: the key's layer-3 domain, the ifindex of an IPv6 link-local peer's link
/// or of the VRF the interface belongs to; 0 for neither (and from a module that does not send it).
/// </param>
public sealed record ReflectEntry(
    IPAddress Local,
    IPAddress Peer,
    byte? Protocol,
    ushort? LocalPort,
    ushort? PeerPort,
    int IfIndex,
    PhysicalAddress LinkLayerAddress,
    uint IdleMilliseconds,
    ReflectEntryFlags Flags,
    uint Moves,
    uint Flaps,
    ulong Packets,
    int Domain = 0)
{
    /// <summary>REFLECT_ENTRY_A_FAMILY: InterNetwork or InterNetworkV6.</summary>
    public AddressFamily Family => Local.AddressFamily;

    /// <summary>What the entry is found by; its flow in flow mode, if it has one.</summary>
    public ReflectEntryKey Key => new(Local, Peer,
        Protocol is byte protocol ? new ReflectFlow(protocol, LocalPort.GetValueOrDefault(), PeerPort.GetValueOrDefault()) : null);
}

/// <summary>A local address reflect.ko has seen, with its counters, as REFLECT_CMD_GET_LOCAL lists it.</summary>
/// <param name="Address">REFLECT_ENTRY_A_LOCAL of its REFLECT_A_ENTRY.</param>
/// <param name="Counters">REFLECT_A_STATS: that address's counters (the global-only ones are 0).</param>
public sealed record ReflectLocal(IPAddress Address, ReflectCounters Counters);
