// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.NetworkInformation;
using Reflect.Netlink;
using Reflect.Netlink.Protocol;
using Reflect.Netlink.ReflectFamily;
using static Reflect.Netlink.Protocol.NetlinkUapi;
using static Reflect.Netlink.ReflectUapi;
using static Reflect.Tests.Unit.Netlink.ReflectWire;

namespace Reflect.Tests.Unit.Netlink;

/// <summary>REFLECT_CMD_ADD_NEXTHOP, REFLECT_CMD_DEL_NEXTHOP and REFLECT_CMD_GET_NEXTHOP.</summary>
public sealed class NextHopMessagesTests
{
    [Fact]
    public void An_add_nexthop_request_by_address_carries_the_interface_family_and_address()
    {
        // Act
        ReflectRequest request = Request((ref NetlinkMessageWriter w) => NextHopMessages.WriteChange(ref w, FamilyId, Sequence,
            REFLECT_CMD_ADD_NEXTHOP, ReflectNextHop.ByAddress(3, IPAddress.Parse("192.168.50.2"))));

        // Assert
        request.Header.Flags.Should().Be(NLM_F_REQUEST | NLM_F_ACK);
        request.Generic.Command.Should().Be(REFLECT_CMD_ADD_NEXTHOP);
        request.Attributes.Should().ContainSingle().Which.Type.Should().Be(REFLECT_A_NEXTHOP);
        request.Nested(REFLECT_A_NEXTHOP).Should().BeEquivalentTo(
            [
                new AttributeValue(REFLECT_NEXTHOP_A_IFINDEX, false, [3, 0, 0, 0]),
                new AttributeValue(REFLECT_NEXTHOP_A_FAMILY, false, [2]),
                new AttributeValue(REFLECT_NEXTHOP_A_ADDR, false, [192, 168, 50, 2]),
            ],
            options => options.WithStrictOrdering());
    }

    [Fact]
    public void A_del_nexthop_request_by_MAC_address_carries_the_interface_and_the_MAC_only()
    {
        // Act
        ReflectRequest request = Request((ref NetlinkMessageWriter w) => NextHopMessages.WriteChange(ref w, FamilyId, Sequence,
            REFLECT_CMD_DEL_NEXTHOP, ReflectNextHop.ByLinkLayerAddress(2, PhysicalAddress.Parse("02-00-00-00-00-02"))));

        // Assert
        request.Generic.Command.Should().Be(REFLECT_CMD_DEL_NEXTHOP);
        request.Nested(REFLECT_A_NEXTHOP).Should().BeEquivalentTo(
            [
                new AttributeValue(REFLECT_NEXTHOP_A_IFINDEX, false, [2, 0, 0, 0]),
                new AttributeValue(REFLECT_NEXTHOP_A_LLADDR, false, [2, 0, 0, 0, 0, 2]),
            ],
            options => options.WithStrictOrdering());
    }

    [Fact]
    public void Named_next_hops_read_back_from_the_dump_by_address_and_by_MAC_address()
    {
        // Arrange: what the kernel sends, AF_PACKET naming a MAC address.
        ReflectNextHop[] named =
        [
            ReflectNextHop.ByAddress(2, IPAddress.Parse("fd50::2")),
            ReflectNextHop.ByLinkLayerAddress(3, PhysicalAddress.Parse("02-00-00-00-00-99")),
        ];

        // Act
        ReflectDump<ReflectNextHop> dump = NextHopMessages.ReadNextHops(DumpAnswer((ref NetlinkMessageWriter w) =>
        {
            WritePart(ref w, 2, 10, IPAddress.Parse("fd50::2").GetAddressBytes(), REFLECT_NEXTHOP_A_ADDR);
            WritePart(ref w, 3, 17, [2, 0, 0, 0, 0, 0x99], REFLECT_NEXTHOP_A_LLADDR);
        }), FamilyId);

        // Assert
        dump.Items.Should().Equal(named);
    }

    [Fact]
    public void The_nexthop_list_is_requested_as_a_dump_without_attributes()
    {
        // Act
        ReflectRequest request = Request((ref NetlinkMessageWriter w) => NextHopMessages.WriteGetNextHops(ref w, FamilyId, Sequence));

        // Assert
        request.Header.Flags.Should().Be(NLM_F_REQUEST | NLM_F_DUMP);
        request.Generic.Command.Should().Be(REFLECT_CMD_GET_NEXTHOP);
        request.Attributes.Should().BeEmpty();
    }

    private static void WritePart(ref NetlinkMessageWriter w, uint ifIndex, byte family, byte[] address, ushort type)
    {
        BeginReply(ref w, REFLECT_CMD_GET_NEXTHOP, dumpPart: true);
        int nest = w.BeginNested(REFLECT_A_NEXTHOP);
        w.WriteU32(REFLECT_NEXTHOP_A_IFINDEX, ifIndex);
        w.WriteU8(REFLECT_NEXTHOP_A_FAMILY, family);
        w.WriteBinary(type, address);
        w.EndNested(nest);
        w.EndMessage();
    }
}
