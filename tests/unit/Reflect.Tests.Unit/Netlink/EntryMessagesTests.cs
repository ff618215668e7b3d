// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Reflect.Netlink;
using Reflect.Netlink.Protocol;
using Reflect.Netlink.ReflectFamily;
using static Reflect.Netlink.Protocol.NetlinkUapi;
using static Reflect.Netlink.ReflectUapi;
using static Reflect.Tests.Unit.Netlink.ReflectWire;

namespace Reflect.Tests.Unit.Netlink;

/// <summary>REFLECT_CMD_GET_ENTRY, REFLECT_CMD_FLUSH and REFLECT_CMD_GET_LOCAL.</summary>
public sealed class EntryMessagesTests
{
    private const byte AF_INET = 2;
    private const byte AF_INET6 = 10;

    private static readonly ReflectEntry PeerEntry = new(
        IPAddress.Parse("192.168.50.10"), IPAddress.Parse("10.50.0.100"), null, null, null, 2,
        PhysicalAddress.Parse("02-00-00-00-00-02"), 120, ReflectEntryFlags.None, 0, 0, 42);

    private static readonly ReflectEntry FlowEntry = new(
        IPAddress.Parse("fd50::10"), IPAddress.Parse("fd51::100"), 6, 3260, 51234, 3,
        PhysicalAddress.Parse("02-00-00-00-00-03"), 5, ReflectEntryFlags.Static | ReflectEntryFlags.Stale, 2, 1, ulong.MaxValue);

    [Fact]
    public void An_unfiltered_entry_dump_request_carries_no_attributes()
    {
        // Act
        ReflectRequest request = Request((ref NetlinkMessageWriter w) =>
            EntryMessages.WriteGetEntries(ref w, FamilyId, Sequence, ReflectEntryFilter.None));

        // Assert
        request.Header.Flags.Should().Be(NLM_F_REQUEST | NLM_F_DUMP);
        request.Generic.Should().Be(new GenericNetlinkHeader(REFLECT_CMD_GET_ENTRY, REFLECT_GENL_VERSION));
        request.Attributes.Should().BeEmpty();
    }

    [Fact]
    public void An_entry_dump_with_every_filter_is_laid_out_as_reflect_h_draws_the_filters()
    {
        // Arrange
        var filter = new ReflectEntryFilter
        {
            IfIndex = 4, Family = AddressFamily.InterNetwork, Local = IPAddress.Parse("192.168.50.10"),
            Peer = IPNetwork.Parse("10.50.0.0/24"), StaticOnly = true,
        };

        // Act
        byte[] bytes = Wire.Write((ref NetlinkMessageWriter w) => EntryMessages.WriteGetEntries(ref w, FamilyId, Sequence, filter));

        // Assert
        bytes.Should().Equal(Wire.Raw(
            72u, FamilyId, (ushort)(NLM_F_REQUEST | NLM_F_DUMP), Sequence, 0u,
            REFLECT_CMD_GET_ENTRY, REFLECT_GENL_VERSION, (ushort)0,
            (ushort)8, REFLECT_A_IFINDEX, 4u,
            (ushort)44, (ushort)(REFLECT_A_ENTRY | NLA_F_NESTED),
            (ushort)5, REFLECT_ENTRY_A_FAMILY, AF_INET, new byte[3],
            (ushort)8, REFLECT_ENTRY_A_LOCAL, new byte[] { 192, 168, 50, 10 },
            (ushort)8, REFLECT_ENTRY_A_PEER, new byte[] { 10, 50, 0, 0 },
            (ushort)5, REFLECT_ENTRY_A_PEER_PREFIXLEN, (byte)24, new byte[3],
            (ushort)8, REFLECT_ENTRY_A_FLAGS, REFLECT_ENTRY_F_STATIC));
    }

    [Fact]
    public void A_peer_filter_of_one_address_is_the_prefix_of_its_whole_length()
    {
        // Act
        ReflectRequest request = Request((ref NetlinkMessageWriter w) => EntryMessages.WriteGetEntries(ref w, FamilyId, Sequence,
            new ReflectEntryFilter { Peer = new IPNetwork(IPAddress.Parse("fd51::100"), 128) }));

        // Assert
        request.Attributes.Should().ContainSingle().Which.Type.Should().Be(REFLECT_A_ENTRY);
        request.Nested(REFLECT_A_ENTRY).Should().BeEquivalentTo(
        [
            new AttributeValue(REFLECT_ENTRY_A_PEER, false, IPAddress.Parse("fd51::100").GetAddressBytes()),
            new AttributeValue(REFLECT_ENTRY_A_PEER_PREFIXLEN, false, [128]),
        ]);
    }

    [Fact]
    public void Peer_and_flow_mode_entries_round_trip_with_protocol_and_ports_only_when_present()
    {
        // Arrange
        NetlinkAnswer answer = DumpAnswer((ref NetlinkMessageWriter w) =>
        {
            WriteEntry(ref w, PeerEntry);
            WriteEntry(ref w, FlowEntry);
        });

        // Act
        ReflectDump<ReflectEntry> dump = EntryMessages.ReadEntries(answer, FamilyId);

        // Assert
        dump.Items.Should().Equal(PeerEntry, FlowEntry);
        dump.Items.Select(entry => entry.Family).Should().Equal(AddressFamily.InterNetwork, AddressFamily.InterNetworkV6);
    }

    [Fact]
    public void An_entry_whose_address_length_disagrees_with_its_family_is_rejected()
    {
        // Arrange: AF_INET6 with a 4-byte local address.
        NetlinkAnswer answer = DumpAnswer((ref NetlinkMessageWriter w) =>
            WriteEntry(ref w, PeerEntry, family: AF_INET6));

        // Act
        Action act = () => EntryMessages.ReadEntries(answer, FamilyId);

        // Assert
        act.Should().Throw<NetlinkFormatException>()
            .WithMessage("REFLECT_CMD_GET_ENTRY: REFLECT_ENTRY_A_LOCAL carries 4 bytes where its family's addresses have 16");
    }

    [Fact]
    public void An_entry_of_an_unknown_family_is_rejected()
    {
        // Arrange
        NetlinkAnswer answer = DumpAnswer((ref NetlinkMessageWriter w) => WriteEntry(ref w, PeerEntry, family: 7));

        // Act
        Action act = () => EntryMessages.ReadEntries(answer, FamilyId);

        // Assert
        act.Should().Throw<NetlinkFormatException>()
            .WithMessage("REFLECT_CMD_GET_ENTRY: REFLECT_ENTRY_A_FAMILY is 7, neither AF_INET (2) nor AF_INET6 (10)");
    }

    [Fact]
    public void An_entry_lacking_its_link_layer_address_is_rejected()
    {
        // Arrange
        NetlinkAnswer answer = DumpAnswer((ref NetlinkMessageWriter w) => WriteEntry(ref w, PeerEntry, omit: REFLECT_ENTRY_A_LLADDR));

        // Act
        Action act = () => EntryMessages.ReadEntries(answer, FamilyId);

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage("REFLECT_CMD_GET_ENTRY: reply lacks REFLECT_ENTRY_A_LLADDR");
    }

    [Fact]
    public void An_entry_part_without_its_nest_is_rejected()
    {
        // Arrange
        NetlinkAnswer answer = DumpAnswer((ref NetlinkMessageWriter w) =>
        {
            BeginReply(ref w, REFLECT_CMD_GET_ENTRY, dumpPart: true);
            w.WriteU32(REFLECT_A_IFINDEX, 2);
            w.EndMessage();
        });

        // Act
        Action act = () => EntryMessages.ReadEntries(answer, FamilyId);

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage("REFLECT_CMD_GET_ENTRY: reply lacks REFLECT_A_ENTRY");
    }

    [Fact]
    public void A_flush_without_a_filter_is_a_do_request_without_attributes()
    {
        // Act
        ReflectRequest request = Request((ref NetlinkMessageWriter w) =>
            EntryMessages.WriteFlush(ref w, FamilyId, Sequence, ReflectEntryFilter.None));

        // Assert
        request.Header.Flags.Should().Be(NLM_F_REQUEST | NLM_F_ACK);
        request.Generic.Command.Should().Be(REFLECT_CMD_FLUSH);
        request.Attributes.Should().BeEmpty();
    }

    [Fact]
    public void A_flush_carries_the_same_filters_as_the_entry_dump()
    {
        // Arrange
        var filter = new ReflectEntryFilter { IfIndex = 3, Local = IPAddress.Parse("fd50::10"), StaticOnly = true };

        // Act
        ReflectRequest flush = Request((ref NetlinkMessageWriter w) => EntryMessages.WriteFlush(ref w, FamilyId, Sequence, filter));
        ReflectRequest dump = Request((ref NetlinkMessageWriter w) => EntryMessages.WriteGetEntries(ref w, FamilyId, Sequence, filter));

        // Assert
        flush.Attributes.Should().BeEquivalentTo(dump.Attributes, options => options.WithStrictOrdering());
        flush.Single(REFLECT_A_IFINDEX).Payload.Should().Equal(Wire.Raw(3u));
        flush.Nested(REFLECT_A_ENTRY).Should().BeEquivalentTo(
        [
            new AttributeValue(REFLECT_ENTRY_A_LOCAL, false, IPAddress.Parse("fd50::10").GetAddressBytes()),
            new AttributeValue(REFLECT_ENTRY_A_FLAGS, false, Wire.Raw(REFLECT_ENTRY_F_STATIC)),
        ]);
    }

    [Fact]
    public void The_local_address_list_is_requested_as_a_dump_without_attributes()
    {
        // Act
        ReflectRequest request = Request((ref NetlinkMessageWriter w) => EntryMessages.WriteGetLocals(ref w, FamilyId, Sequence));

        // Assert
        request.Header.Flags.Should().Be(NLM_F_REQUEST | NLM_F_DUMP);
        request.Generic.Command.Should().Be(REFLECT_CMD_GET_LOCAL);
        request.Attributes.Should().BeEmpty();
    }

    [Fact]
    public void A_local_address_dump_round_trips_with_each_address_counters()
    {
        // Arrange
        ReflectCounters counters = Samples.Counters((ReflectCounter.Learned, 2), (ReflectCounter.Skipped, 9));
        NetlinkAnswer answer = DumpAnswer((ref NetlinkMessageWriter w) =>
        {
            BeginReply(ref w, REFLECT_CMD_GET_LOCAL, dumpPart: true);
            int entry = w.BeginNested(REFLECT_A_ENTRY);
            w.WriteU8(REFLECT_ENTRY_A_FAMILY, AF_INET6);
            w.WriteBinary(REFLECT_ENTRY_A_LOCAL, IPAddress.Parse("fd50::10").GetAddressBytes());
            w.EndNested(entry);
            WriteStats(ref w, counters);
            w.EndMessage();
        });

        // Act
        ReflectDump<ReflectLocal> dump = EntryMessages.ReadLocals(answer, FamilyId);

        // Assert
        dump.Items.Should().Equal(new ReflectLocal(IPAddress.Parse("fd50::10"), counters));
    }

    /// <summary>One part of the entry dump as reflect.h draws it, optionally with another family or an attribute left out.</summary>
    private static void WriteEntry(ref NetlinkMessageWriter w, ReflectEntry entry, byte? family = null, ushort? omit = null)
    {
        BeginReply(ref w, REFLECT_CMD_GET_ENTRY, dumpPart: true);
        int nest = w.BeginNested(REFLECT_A_ENTRY);
        w.WriteU8(REFLECT_ENTRY_A_FAMILY, family ?? (entry.Family == AddressFamily.InterNetwork ? AF_INET : AF_INET6));
        w.WriteBinary(REFLECT_ENTRY_A_LOCAL, entry.Local.GetAddressBytes());
        w.WriteBinary(REFLECT_ENTRY_A_PEER, entry.Peer.GetAddressBytes());
        if (entry.Protocol is byte protocol)
        {
            w.WriteU8(REFLECT_ENTRY_A_PROTO, protocol);
            w.WriteU16(REFLECT_ENTRY_A_LOCAL_PORT, entry.LocalPort!.Value);
            w.WriteU16(REFLECT_ENTRY_A_PEER_PORT, entry.PeerPort!.Value);
        }

        w.WriteU32(REFLECT_ENTRY_A_IFINDEX, (uint)entry.IfIndex);
        if (omit != REFLECT_ENTRY_A_LLADDR)
        {
            w.WriteBinary(REFLECT_ENTRY_A_LLADDR, entry.LinkLayerAddress.GetAddressBytes());
        }

        w.WriteU32(REFLECT_ENTRY_A_IDLE_MS, entry.IdleMilliseconds);
        w.WriteU32(REFLECT_ENTRY_A_FLAGS, (uint)entry.Flags);
        w.WriteU32(REFLECT_ENTRY_A_MOVES, entry.Moves);
        w.WriteU32(REFLECT_ENTRY_A_FLAPS, entry.Flaps);
        w.WriteBinary(REFLECT_ENTRY_A_PAD, []);
        w.WriteU64(REFLECT_ENTRY_A_PACKETS, entry.Packets);
        w.EndNested(nest);
        w.EndMessage();
    }
}
