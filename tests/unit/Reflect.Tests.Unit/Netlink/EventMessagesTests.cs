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

/// <summary>REFLECT_CMD_EVENT notifications, as the events group delivers them.</summary>
public sealed class EventMessagesTests
{
    private const byte AF_INET = 2;

    private static readonly ReflectEntry Entry = new(
        IPAddress.Parse("192.168.50.10"), IPAddress.Parse("10.50.0.100"), null, null, null, 2,
        PhysicalAddress.Parse("02-00-00-00-00-02"), 0, ReflectEntryFlags.None, 1, 0, 0);

    [Fact]
    public void An_event_decodes_into_its_type_entry_and_lost_count()
    {
        // Arrange: a notification as genlmsg_multicast() sends it, sequence and port id 0.
        byte[] datagram = Wire.Write((ref NetlinkMessageWriter w) => WriteEvent(ref w, REFLECT_EVENT_MOVE, Entry, lost: 7));

        // Act
        List<ReflectNotification> events = EventMessages.ReadEvents(datagram, FamilyId);

        // Assert
        events.Should().Equal(new ReflectEvent(ReflectEventType.Move, Entry, 7));
    }

    [Fact]
    public void An_event_without_a_lost_count_lost_none()
    {
        // Arrange
        byte[] datagram = Wire.Write((ref NetlinkMessageWriter w) => WriteEvent(ref w, REFLECT_EVENT_LEARN, Entry, lost: null));

        // Act
        List<ReflectNotification> events = EventMessages.ReadEvents(datagram, FamilyId);

        // Assert
        events.Should().Equal(new ReflectEvent(ReflectEventType.Learn, Entry, 0));
    }

    [Fact]
    public void Every_event_of_a_datagram_is_read_and_other_messages_are_skipped()
    {
        // Arrange
        byte[] datagram = Wire.Write((ref NetlinkMessageWriter w) =>
        {
            WriteEvent(ref w, REFLECT_EVENT_EXPIRE, Entry, lost: null);
            w.BeginMessage(NLMSG_NOOP, 0, 0);
            w.EndMessage();
            w.BeginMessage(FamilyId, 0, 0);
            w.WriteGenericHeader(REFLECT_CMD_GET_STATUS, REFLECT_GENL_VERSION);
            w.EndMessage();
            WriteEvent(ref w, REFLECT_EVENT_EVICT + 1, Entry, lost: null);
        });

        // Act
        List<ReflectNotification> events = EventMessages.ReadEvents(datagram, FamilyId);

        // Assert: a type a later module adds keeps its number.
        events.Should().Equal(
            new ReflectEvent(ReflectEventType.Expire, Entry, 0),
            new ReflectEvent((ReflectEventType)(REFLECT_EVENT_EVICT + 1), Entry, 0));
    }

    [Fact]
    public void An_event_lacking_its_type_is_rejected_naming_it()
    {
        // Arrange
        byte[] datagram = Wire.Write((ref NetlinkMessageWriter w) =>
        {
            w.BeginMessage(FamilyId, 0, 0);
            w.WriteGenericHeader(REFLECT_CMD_EVENT, REFLECT_GENL_VERSION);
            WriteEntryNest(ref w, Entry);
            w.EndMessage();
        });

        // Act
        Action act = () => EventMessages.ReadEvents(datagram, FamilyId);

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage("REFLECT_CMD_EVENT: reply lacks REFLECT_A_EVENT");
    }

    /// <summary>A notification as reflect.h draws it.</summary>
    internal static void WriteEvent(ref NetlinkMessageWriter w, byte type, ReflectEntry entry, uint? lost)
    {
        w.BeginMessage(FamilyId, 0, 0);
        w.WriteGenericHeader(REFLECT_CMD_EVENT, REFLECT_GENL_VERSION);
        w.WriteU8(REFLECT_A_EVENT, type);
        WriteEntryNest(ref w, entry);
        if (lost is uint count)
        {
            w.WriteU32(REFLECT_A_EVENTS_LOST, count);
        }

        w.EndMessage();
    }

    private static void WriteEntryNest(ref NetlinkMessageWriter w, ReflectEntry entry)
    {
        int nest = w.BeginNested(REFLECT_A_ENTRY);
        w.WriteU8(REFLECT_ENTRY_A_FAMILY, AF_INET);
        w.WriteBinary(REFLECT_ENTRY_A_LOCAL, entry.Local.GetAddressBytes());
        w.WriteBinary(REFLECT_ENTRY_A_PEER, entry.Peer.GetAddressBytes());
        w.WriteU32(REFLECT_ENTRY_A_IFINDEX, (uint)entry.IfIndex);
        w.WriteBinary(REFLECT_ENTRY_A_LLADDR, entry.LinkLayerAddress.GetAddressBytes());
        w.WriteU32(REFLECT_ENTRY_A_IDLE_MS, entry.IdleMilliseconds);
        w.WriteU32(REFLECT_ENTRY_A_FLAGS, (uint)entry.Flags);
        w.WriteU32(REFLECT_ENTRY_A_MOVES, entry.Moves);
        w.WriteU32(REFLECT_ENTRY_A_FLAPS, entry.Flaps);
        w.WriteBinary(REFLECT_ENTRY_A_PAD, []);
        w.WriteU64(REFLECT_ENTRY_A_PACKETS, entry.Packets);
        w.EndNested(nest);
    }
}
