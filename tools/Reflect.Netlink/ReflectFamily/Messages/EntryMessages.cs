// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.NetworkInformation;
using Reflect.Netlink.Protocol;
using static Reflect.Netlink.ReflectUapi;

namespace Reflect.Netlink.ReflectFamily;

/// <summary>REFLECT_CMD_GET_ENTRY, REFLECT_CMD_FLUSH and REFLECT_CMD_GET_LOCAL.</summary>
internal static class EntryMessages
{
    /*
        REFLECT_CMD_GET_ENTRY request (dump)
        genlmsghdr  REFLECT_CMD_GET_ENTRY
        nlattr      REFLECT_A_IFINDEX              u32, only to list one interface's entries
        nlattr      REFLECT_A_ENTRY                nest, only to list one local address's entries:
          nlattr      REFLECT_ENTRY_A_LOCAL        4 or 16 bytes, network order
    */
    public static void WriteGetEntries(ref NetlinkMessageWriter writer, ushort familyId, uint sequence,
        int? ifIndex, IPAddress? local)
    {
        ReflectMessages.Begin(ref writer, familyId, sequence, REFLECT_CMD_GET_ENTRY, dump: true);
        WriteIfIndex(ref writer, ifIndex);
        if (local is not null)
        {
            int entry = writer.BeginNested(REFLECT_A_ENTRY);
            AddressAttributes.WriteAddress(ref writer, REFLECT_ENTRY_A_LOCAL, local);
            writer.EndNested(entry);
        }

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
    */
    public static ReflectDump<ReflectEntry> ReadEntries(NetlinkAnswer answer, ushort familyId) =>
        ReflectMessages.ReadDump(answer, familyId, nameof(REFLECT_CMD_GET_ENTRY), ReadEntry);

    /*
        REFLECT_CMD_FLUSH request (do, admin)
        genlmsghdr  REFLECT_CMD_FLUSH
        nlattr      REFLECT_A_IFINDEX              u32, only to flush one interface's entries
    */
    public static void WriteFlush(ref NetlinkMessageWriter writer, ushort familyId, uint sequence, int? ifIndex)
    {
        ReflectMessages.Begin(ref writer, familyId, sequence, REFLECT_CMD_FLUSH, dump: false);
        WriteIfIndex(ref writer, ifIndex);
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

    private static ReflectEntry ReadEntry(NetlinkAttributeTable message)
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
            Packets: entry.Required(REFLECT_ENTRY_A_PACKETS).GetU64());
    }

    private static void WriteIfIndex(ref NetlinkMessageWriter writer, int? ifIndex)
    {
        if (ifIndex is int index)
        {
            writer.WriteU32(REFLECT_A_IFINDEX, (uint)index);
        }
    }
}
