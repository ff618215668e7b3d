// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Reflect.Netlink.Protocol;
using static Reflect.Netlink.ReflectUapi;

namespace Reflect.Netlink.ReflectFamily;

/// <summary>
/// REFLECT_CMD_GET_ENTRY, REFLECT_CMD_FLUSH, REFLECT_CMD_ADD_ENTRY, REFLECT_CMD_DEL_ENTRY and
/// REFLECT_CMD_GET_LOCAL.
/// </summary>
internal static class EntryMessages
{
    /// <summary>The longest ADD_ENTRY request: IPv6, a flow, static (bytes drawn at <see cref="WriteAddEntry"/>).</summary>
    public const int MaxAddEntryLength = 120;

    /// <summary>The longest DEL_ENTRY request: IPv6 with a flow.</summary>
    public const int MaxDeleteEntryLength = 88;

    /*
        REFLECT_CMD_GET_ENTRY request (dump)
        genlmsghdr  REFLECT_CMD_GET_ENTRY
        the entry filters, drawn at WriteFilter
    */
    public static void WriteGetEntries(ref NetlinkMessageWriter writer, ushort familyId, uint sequence,
        ReflectEntryFilter filter)
    {
        ReflectMessages.Begin(ref writer, familyId, sequence, REFLECT_CMD_GET_ENTRY, dump: true);
        WriteFilter(ref writer, filter);
        writer.EndMessage();
    }

    /*
        REFLECT_CMD_GET_ENTRY reply: one part per entry
        nlattr      REFLECT_A_ENTRY                nest:
          nlattr      REFLECT_ENTRY_A_FAMILY       u8    AF_INET or AF_INET6
          nlattr      REFLECT_ENTRY_A_LOCAL        4 or 16 bytes, as the family says, network order
          nlattr      REFLECT_ENTRY_A_PEER         4 or 16 bytes, network order
          nlattr      REFLECT_ENTRY_A_PROTO        u8    flow mode only
          nlattr      REFLECT_ENTRY_A_LOCAL_PORT   u16   flow mode only, host order
          nlattr      REFLECT_ENTRY_A_PEER_PORT    u16   flow mode only, host order
          nlattr      REFLECT_ENTRY_A_IFINDEX      u32
          nlattr      REFLECT_ENTRY_A_LLADDR       6 bytes
          nlattr      REFLECT_ENTRY_A_IDLE_MS      u32
          nlattr      REFLECT_ENTRY_A_FLAGS        u32   REFLECT_ENTRY_F_*
          nlattr      REFLECT_ENTRY_A_MOVES        u32
          nlattr      REFLECT_ENTRY_A_FLAPS        u32
          nlattr      REFLECT_ENTRY_A_PAD          empty, where nla_put_64bit() aligns the u64
          nlattr      REFLECT_ENTRY_A_PACKETS      u64
          nlattr      REFLECT_ENTRY_A_DOMAIN       u32   link-local peer's link, VRF, or 0
    */
    public static ReflectDump<ReflectEntry> ReadEntries(NetlinkAnswer answer, ushort familyId) =>
        ReflectMessages.ReadDump(answer, familyId, nameof(REFLECT_CMD_GET_ENTRY), ReadEntry);

    /*
        REFLECT_CMD_FLUSH request (do, admin)
        genlmsghdr  REFLECT_CMD_FLUSH
        the entry filters, drawn at WriteFilter; none drops every entry, static ones included
    */
    public static void WriteFlush(ref NetlinkMessageWriter writer, ushort familyId, uint sequence, ReflectEntryFilter filter)
    {
        ReflectMessages.Begin(ref writer, familyId, sequence, REFLECT_CMD_FLUSH, dump: false);
        WriteFilter(ref writer, filter);
        writer.EndMessage();
    }

    /*
        REFLECT_CMD_ADD_ENTRY request (do, admin)                                 bytes at most
        nlmsghdr    NLM_F_REQUEST, NLM_F_ACK unless a batch's request but its last    16
        genlmsghdr  REFLECT_CMD_ADD_ENTRY                                              4
        nlattr      REFLECT_A_REPLACE              flag, to replace the next hop and   4
                                                   flags of an entry of the key
        nlattr      REFLECT_A_ENTRY                nest:                               4
          nlattr      REFLECT_ENTRY_A_LOCAL        4 or 16 bytes, network order            8 or 20
          nlattr      REFLECT_ENTRY_A_PEER         as LOCAL, of the same family            8 or 20
          nlattr      REFLECT_ENTRY_A_PROTO        u8    with a flow only                  8
          nlattr      REFLECT_ENTRY_A_LOCAL_PORT   u16   with a flow only, host order      8
          nlattr      REFLECT_ENTRY_A_PEER_PORT    u16   with a flow only, host order      8
          nlattr      REFLECT_ENTRY_A_IFINDEX      u32   an interface reflection is on     8
          nlattr      REFLECT_ENTRY_A_LLADDR       6 bytes, unicast                        12
          nlattr      REFLECT_ENTRY_A_FLAGS        u32   REFLECT_ENTRY_F_STATIC, if static 8
        The family is left out: the addresses' length tells it. REPLACE is an attribute, not
        NLM_F_REPLACE, which generic netlink refuses for this family from Linux 6.1 on.
    */
    public static void WriteAddEntry(ref NetlinkMessageWriter writer, ushort familyId, uint sequence,
        ReflectNewEntry entry, bool replace, bool ack = true)
    {
        ReflectMessages.Begin(ref writer, familyId, sequence, REFLECT_CMD_ADD_ENTRY, ack ? NetlinkUapi.NLM_F_ACK : (ushort)0);
        if (replace)
        {
            writer.WriteBinary(REFLECT_A_REPLACE, []);
        }

        int nest = writer.BeginNested(REFLECT_A_ENTRY);
        WriteKey(ref writer, entry.Key);
        writer.WriteU32(REFLECT_ENTRY_A_IFINDEX, (uint)entry.IfIndex);
        writer.WriteBinary(REFLECT_ENTRY_A_LLADDR, entry.LinkLayerAddress.GetAddressBytes());
        if (entry.Static)
        {
            writer.WriteU32(REFLECT_ENTRY_A_FLAGS, REFLECT_ENTRY_F_STATIC);
        }

        writer.EndNested(nest);
        writer.EndMessage();
    }

    /*
        REFLECT_CMD_DEL_ENTRY request (do, admin)
        nlmsghdr    NLM_F_REQUEST, NLM_F_ACK unless a batch's request but its last
        genlmsghdr  REFLECT_CMD_DEL_ENTRY
        nlattr      REFLECT_A_ENTRY                nest: the key, as in the ADD_ENTRY request
          nlattr      REFLECT_ENTRY_A_LOCAL, REFLECT_ENTRY_A_PEER, and with a flow
                      REFLECT_ENTRY_A_PROTO, REFLECT_ENTRY_A_LOCAL_PORT, REFLECT_ENTRY_A_PEER_PORT
    */
    public static void WriteDeleteEntry(ref NetlinkMessageWriter writer, ushort familyId, uint sequence,
        ReflectEntryKey key, bool ack = true)
    {
        ReflectMessages.Begin(ref writer, familyId, sequence, REFLECT_CMD_DEL_ENTRY, ack ? NetlinkUapi.NLM_F_ACK : (ushort)0);
        int nest = writer.BeginNested(REFLECT_A_ENTRY);
        WriteKey(ref writer, key);
        writer.EndNested(nest);
        writer.EndMessage();
    }

    /*
        REFLECT_CMD_GET_LOCAL request (dump)
        genlmsghdr  REFLECT_CMD_GET_LOCAL
        (no attributes)
    */
    public static void WriteGetLocals(ref NetlinkMessageWriter writer, ushort familyId, uint sequence) =>
        ReflectMessages.WriteBare(ref writer, familyId, sequence, REFLECT_CMD_GET_LOCAL, dump: true);

    /*
        REFLECT_CMD_GET_LOCAL reply: one part per local address seen
        nlattr      REFLECT_A_ENTRY                nest:
          nlattr      REFLECT_ENTRY_A_FAMILY       u8    AF_INET or AF_INET6
          nlattr      REFLECT_ENTRY_A_LOCAL        4 or 16 bytes, network order
        nlattr      REFLECT_A_STATS                nest of u64: that address's counters
    */
    public static ReflectDump<ReflectLocal> ReadLocals(NetlinkAnswer answer, ushort familyId) =>
        ReflectMessages.ReadDump(answer, familyId, nameof(REFLECT_CMD_GET_LOCAL), message =>
        {
            NetlinkAttributeTable entry = message.RequiredNested(REFLECT_A_ENTRY, REFLECT_ENTRY_A_MAX);
            int addressLength = AddressAttributes.ReadFamily(entry, REFLECT_ENTRY_A_FAMILY);
            return new ReflectLocal(
                AddressAttributes.ReadAddress(entry, REFLECT_ENTRY_A_LOCAL, addressLength),
                CounterAttributes.Read(message));
        });

    /// <summary>The REFLECT_A_ENTRY of a GET_ENTRY part or an event, as drawn at <see cref="ReadEntries"/>.</summary>
    public static ReflectEntry ReadEntry(NetlinkAttributeTable message)
    {
        NetlinkAttributeTable entry = message.RequiredNested(REFLECT_A_ENTRY, REFLECT_ENTRY_A_MAX);
        int addressLength = AddressAttributes.ReadFamily(entry, REFLECT_ENTRY_A_FAMILY);
        return new ReflectEntry(
            Local: AddressAttributes.ReadAddress(entry, REFLECT_ENTRY_A_LOCAL, addressLength),
            Peer: AddressAttributes.ReadAddress(entry, REFLECT_ENTRY_A_PEER, addressLength),
            Protocol: entry.TryGet(REFLECT_ENTRY_A_PROTO, out NetlinkAttribute protocol) ? protocol.GetU8() : null,
            LocalPort: entry.TryGet(REFLECT_ENTRY_A_LOCAL_PORT, out NetlinkAttribute localPort) ? localPort.GetU16() : null,
            PeerPort: entry.TryGet(REFLECT_ENTRY_A_PEER_PORT, out NetlinkAttribute peerPort) ? peerPort.GetU16() : null,
            IfIndex: (int)entry.Required(REFLECT_ENTRY_A_IFINDEX).GetU32(),
            LinkLayerAddress: new PhysicalAddress(entry.Required(REFLECT_ENTRY_A_LLADDR).Payload.ToArray()),
            IdleMilliseconds: entry.Required(REFLECT_ENTRY_A_IDLE_MS).GetU32(),
            Flags: (ReflectEntryFlags)entry.Required(REFLECT_ENTRY_A_FLAGS).GetU32(),
            Moves: entry.Required(REFLECT_ENTRY_A_MOVES).GetU32(),
            Flaps: entry.Required(REFLECT_ENTRY_A_FLAPS).GetU32(),
            Packets: entry.Required(REFLECT_ENTRY_A_PACKETS).GetU64(),
            Domain: entry.TryGet(REFLECT_ENTRY_A_DOMAIN, out NetlinkAttribute domain) ? (int)domain.GetU32() : 0);
    }

    /*
        The entry filters of GET_ENTRY and FLUSH: each only when set, all must match
        nlattr      REFLECT_A_IFINDEX                 u32   learned on this interface
        nlattr      REFLECT_A_ENTRY                   nest, only if one of these is set:
          nlattr      REFLECT_ENTRY_A_FAMILY          u8    AF_INET or AF_INET6
          nlattr      REFLECT_ENTRY_A_LOCAL           4 or 16 bytes, network order
          nlattr      REFLECT_ENTRY_A_PEER            4 or 16 bytes, network order, host bits zero
          nlattr      REFLECT_ENTRY_A_PEER_PREFIXLEN  u8    with PEER, always: its prefix length
          nlattr      REFLECT_ENTRY_A_FLAGS           u32   REFLECT_ENTRY_F_STATIC: static entries only
    */
    private static void WriteFilter(ref NetlinkMessageWriter writer, ReflectEntryFilter filter)
    {
        if (filter.IfIndex is int ifIndex)
        {
            writer.WriteU32(REFLECT_A_IFINDEX, (uint)ifIndex);
        }

        if (filter.Family is null && filter.Local is null && filter.Peer is null && !filter.StaticOnly)
        {
            return;
        }

        int nest = writer.BeginNested(REFLECT_A_ENTRY);
        if (filter.Family is AddressFamily family)
        {
            AddressAttributes.WriteFamily(ref writer, REFLECT_ENTRY_A_FAMILY, family);
        }

        if (filter.Local is IPAddress local)
        {
            AddressAttributes.WriteAddress(ref writer, REFLECT_ENTRY_A_LOCAL, local);
        }

        if (filter.Peer is IPNetwork peer)
        {
            AddressAttributes.WriteAddress(ref writer, REFLECT_ENTRY_A_PEER, peer.BaseAddress);
            writer.WriteU8(REFLECT_ENTRY_A_PEER_PREFIXLEN, (byte)peer.PrefixLength);
        }

        if (filter.StaticOnly)
        {
            writer.WriteU32(REFLECT_ENTRY_A_FLAGS, REFLECT_ENTRY_F_STATIC);
        }

        writer.EndNested(nest);
    }

    private static void WriteKey(ref NetlinkMessageWriter writer, ReflectEntryKey key)
    {
        AddressAttributes.WriteAddress(ref writer, REFLECT_ENTRY_A_LOCAL, key.Local);
        AddressAttributes.WriteAddress(ref writer, REFLECT_ENTRY_A_PEER, key.Peer);
        if (key.Flow is ReflectFlow flow)
        {
            writer.WriteU8(REFLECT_ENTRY_A_PROTO, flow.Protocol);
            writer.WriteU16(REFLECT_ENTRY_A_LOCAL_PORT, flow.LocalPort);
            writer.WriteU16(REFLECT_ENTRY_A_PEER_PORT, flow.PeerPort);
        }
    }
}
