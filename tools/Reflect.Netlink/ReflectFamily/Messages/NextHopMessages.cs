// SPDX-License-Identifier: MIT
using System.Net.NetworkInformation;
using Reflect.Netlink.Protocol;
using static Reflect.Netlink.ReflectUapi;

namespace Reflect.Netlink.ReflectFamily;

/// <summary>REFLECT_CMD_ADD_NEXTHOP, REFLECT_CMD_DEL_NEXTHOP and REFLECT_CMD_GET_NEXTHOP.</summary>
internal static class NextHopMessages
{
    /// <summary>AF_PACKET: the family GET_NEXTHOP gives a next hop named by MAC address.</summary>
    private const byte AF_PACKET = 17;

    /*
        REFLECT_CMD_ADD_NEXTHOP or REFLECT_CMD_DEL_NEXTHOP request (do, admin)
        genlmsghdr  the command
        nlattr      REFLECT_A_NEXTHOP              nest:
          nlattr      REFLECT_NEXTHOP_A_IFINDEX    u32
          and either
          nlattr      REFLECT_NEXTHOP_A_FAMILY     u8    AF_INET or AF_INET6
          nlattr      REFLECT_NEXTHOP_A_ADDR       4 or 16 bytes, network order
          or
          nlattr      REFLECT_NEXTHOP_A_LLADDR     6 bytes, unicast
    */
    public static void WriteChange(ref NetlinkMessageWriter writer, ushort familyId, uint sequence, byte command,
        ReflectNextHop nextHop)
    {
        ReflectMessages.Begin(ref writer, familyId, sequence, command, dump: false);
        int nest = writer.BeginNested(REFLECT_A_NEXTHOP);
        writer.WriteU32(REFLECT_NEXTHOP_A_IFINDEX, (uint)nextHop.IfIndex);
        if (nextHop.Address is { } address)
        {
            AddressAttributes.WriteFamily(ref writer, REFLECT_NEXTHOP_A_FAMILY, address);
            AddressAttributes.WriteAddress(ref writer, REFLECT_NEXTHOP_A_ADDR, address);
        }
        else
        {
            writer.WriteBinary(REFLECT_NEXTHOP_A_LLADDR, nextHop.LinkLayerAddress!.GetAddressBytes());
        }

        writer.EndNested(nest);
        writer.EndMessage();
    }

    /*
        REFLECT_CMD_GET_NEXTHOP request (dump)
        genlmsghdr  REFLECT_CMD_GET_NEXTHOP
        (no attributes)
    */
    public static void WriteGetNextHops(ref NetlinkMessageWriter writer, ushort familyId, uint sequence) =>
        ReflectMessages.WriteBare(ref writer, familyId, sequence, REFLECT_CMD_GET_NEXTHOP, dump: true);

    /*
        REFLECT_CMD_GET_NEXTHOP reply: one part per named next hop
        nlattr      REFLECT_A_NEXTHOP              nest, as in the ADD_NEXTHOP request, and by MAC
                                                   address with REFLECT_NEXTHOP_A_FAMILY AF_PACKET
    */
    public static ReflectDump<ReflectNextHop> ReadNextHops(NetlinkAnswer answer, ushort familyId) =>
        ReflectMessages.ReadDump(answer, familyId, nameof(REFLECT_CMD_GET_NEXTHOP), message =>
        {
            NetlinkAttributeTable nextHop = message.RequiredNested(REFLECT_A_NEXTHOP, REFLECT_NEXTHOP_A_MAX);
            int ifIndex = (int)nextHop.Required(REFLECT_NEXTHOP_A_IFINDEX).GetU32();
            if (nextHop.Required(REFLECT_NEXTHOP_A_FAMILY).GetU8() == AF_PACKET)
            {
                ReadOnlySpan<byte> mac = nextHop.Required(REFLECT_NEXTHOP_A_LLADDR).Payload;
                return mac.Length == 6 ? ReflectNextHop.ByLinkLayerAddress(ifIndex, new PhysicalAddress(mac.ToArray()))
                    : throw nextHop.Malformed($"REFLECT_NEXTHOP_A_LLADDR carries {mac.Length} bytes, not 6");
            }

            int addressLength = AddressAttributes.ReadFamily(nextHop, REFLECT_NEXTHOP_A_FAMILY);
            return ReflectNextHop.ByAddress(ifIndex, AddressAttributes.ReadAddress(nextHop, REFLECT_NEXTHOP_A_ADDR, addressLength));
        });
}
