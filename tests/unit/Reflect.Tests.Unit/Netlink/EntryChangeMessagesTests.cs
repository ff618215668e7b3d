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

/// <summary>REFLECT_CMD_ADD_ENTRY and REFLECT_CMD_DEL_ENTRY.</summary>
public sealed class EntryChangeMessagesTests
{
    private static readonly ReflectEntryKey PeerKey = new(IPAddress.Parse("192.168.50.10"), IPAddress.Parse("10.50.0.100"));

    private static readonly ReflectEntryKey FlowKey = new(IPAddress.Parse("fd50::10"), IPAddress.Parse("fd51::100"),
        new ReflectFlow(6, 3260, 51234));

    private static readonly PhysicalAddress NextHop = PhysicalAddress.Parse("02-00-00-00-00-02");

    [Fact]
    public void A_static_entry_add_is_laid_out_as_reflect_h_draws_it()
    {
        // Act
        byte[] bytes = Wire.Write((ref NetlinkMessageWriter w) =>
            EntryMessages.WriteAddEntry(ref w, FamilyId, Sequence, new ReflectNewEntry(PeerKey, 2, NextHop, Static: true), replace: false));

        // Assert
        bytes.Should().Equal(Wire.Raw(
            68u, FamilyId, (ushort)(NLM_F_REQUEST | NLM_F_ACK), Sequence, 0u,
            REFLECT_CMD_ADD_ENTRY, REFLECT_GENL_VERSION, (ushort)0,
            (ushort)48, (ushort)(REFLECT_A_ENTRY | NLA_F_NESTED),
            (ushort)8, REFLECT_ENTRY_A_LOCAL, new byte[] { 192, 168, 50, 10 },
            (ushort)8, REFLECT_ENTRY_A_PEER, new byte[] { 10, 50, 0, 100 },
            (ushort)8, REFLECT_ENTRY_A_IFINDEX, 2u,
            (ushort)10, REFLECT_ENTRY_A_LLADDR, new byte[] { 2, 0, 0, 0, 0, 2 }, new byte[2],
            (ushort)8, REFLECT_ENTRY_A_FLAGS, REFLECT_ENTRY_F_STATIC));
    }

    [Fact]
    public void A_learned_entry_add_leaves_the_flags_out_and_a_replacing_one_carries_REFLECT_A_REPLACE()
    {
        // Act
        ReflectRequest request = Request((ref NetlinkMessageWriter w) =>
            EntryMessages.WriteAddEntry(ref w, FamilyId, Sequence, new ReflectNewEntry(PeerKey, 2, NextHop), replace: true));

        // Assert
        request.Attributes.Select(attribute => attribute.Type).Should().Equal(REFLECT_A_REPLACE, REFLECT_A_ENTRY);
        request.Single(REFLECT_A_REPLACE).Payload.Should().BeEmpty();
        request.Nested(REFLECT_A_ENTRY).Select(attribute => attribute.Type).Should().Equal(
            REFLECT_ENTRY_A_LOCAL, REFLECT_ENTRY_A_PEER, REFLECT_ENTRY_A_IFINDEX, REFLECT_ENTRY_A_LLADDR);
    }

    [Fact]
    public void A_flow_key_carries_protocol_and_both_ports_in_host_order()
    {
        // Act
        ReflectRequest request = Request((ref NetlinkMessageWriter w) =>
            EntryMessages.WriteAddEntry(ref w, FamilyId, Sequence, new ReflectNewEntry(FlowKey, 3, NextHop), replace: false));

        // Assert
        request.Nested(REFLECT_A_ENTRY).Take(5).Should().BeEquivalentTo(
        [
            new AttributeValue(REFLECT_ENTRY_A_LOCAL, false, IPAddress.Parse("fd50::10").GetAddressBytes()),
            new AttributeValue(REFLECT_ENTRY_A_PEER, false, IPAddress.Parse("fd51::100").GetAddressBytes()),
            new AttributeValue(REFLECT_ENTRY_A_PROTO, false, [6]),
            new AttributeValue(REFLECT_ENTRY_A_LOCAL_PORT, false, Wire.Raw((ushort)3260)),
            new AttributeValue(REFLECT_ENTRY_A_PEER_PORT, false, Wire.Raw((ushort)51234)),
        ], options => options.WithStrictOrdering());
    }

    [Fact]
    public void The_longest_requests_take_exactly_the_lengths_the_pipeline_reserves()
    {
        // Act
        byte[] add = Wire.Write((ref NetlinkMessageWriter w) =>
            EntryMessages.WriteAddEntry(ref w, FamilyId, Sequence, new ReflectNewEntry(FlowKey, 3, NextHop, Static: true), replace: true));
        byte[] delete = Wire.Write((ref NetlinkMessageWriter w) => EntryMessages.WriteDeleteEntry(ref w, FamilyId, Sequence, FlowKey));

        // Assert
        add.Should().HaveCount(EntryMessages.MaxAddEntryLength);
        delete.Should().HaveCount(EntryMessages.MaxDeleteEntryLength);
    }

    [Fact]
    public void An_entry_delete_carries_only_the_key()
    {
        // Act
        byte[] bytes = Wire.Write((ref NetlinkMessageWriter w) => EntryMessages.WriteDeleteEntry(ref w, FamilyId, Sequence, PeerKey));

        // Assert
        bytes.Should().Equal(Wire.Raw(
            40u, FamilyId, (ushort)(NLM_F_REQUEST | NLM_F_ACK), Sequence, 0u,
            REFLECT_CMD_DEL_ENTRY, REFLECT_GENL_VERSION, (ushort)0,
            (ushort)20, (ushort)(REFLECT_A_ENTRY | NLA_F_NESTED),
            (ushort)8, REFLECT_ENTRY_A_LOCAL, new byte[] { 192, 168, 50, 10 },
            (ushort)8, REFLECT_ENTRY_A_PEER, new byte[] { 10, 50, 0, 100 }));
    }

    [Fact]
    public void A_batched_request_other_than_the_last_asks_for_no_ACK()
    {
        // Act
        ReflectRequest add = Request((ref NetlinkMessageWriter w) =>
            EntryMessages.WriteAddEntry(ref w, FamilyId, Sequence, new ReflectNewEntry(PeerKey, 2, NextHop), replace: false, ack: false));
        ReflectRequest delete = Request((ref NetlinkMessageWriter w) =>
            EntryMessages.WriteDeleteEntry(ref w, FamilyId, Sequence, PeerKey, ack: false));

        // Assert
        add.Header.Flags.Should().Be(NLM_F_REQUEST);
        delete.Header.Flags.Should().Be(NLM_F_REQUEST);
    }

    [Fact]
    public void A_key_of_two_families_is_refused()
    {
        // Act
        Action act = () => _ = new ReflectEntryKey(IPAddress.Parse("192.168.50.10"), IPAddress.Parse("fd51::100"));

        // Assert
        act.Should().Throw<ArgumentException>().WithMessage("peer fd51::100 and local address 192.168.50.10 are of different families*");
    }

    [Fact]
    public void A_listed_entry_has_the_key_it_was_added_with()
    {
        // Arrange
        var listed = new ReflectEntry(FlowKey.Local, FlowKey.Peer, 6, 3260, 51234, 3, NextHop, 0, ReflectEntryFlags.Static, 0, 0, 0);

        // Act
        ReflectEntryKey key = listed.Key;

        // Assert
        key.Should().Be(FlowKey);
    }
}
