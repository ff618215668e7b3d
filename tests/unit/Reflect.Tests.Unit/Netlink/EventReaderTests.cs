// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.NetworkInformation;
using Reflect.Netlink;
using Reflect.Netlink.Protocol;
using Reflect.Netlink.ReflectFamily;
using static Reflect.Netlink.ReflectUapi;
using static Reflect.Tests.Unit.Netlink.ReflectWire;

namespace Reflect.Tests.Unit.Netlink;

/// <summary>How a listener reads the events group: until a timeout or a cancellation, overruns reported in line.</summary>
public sealed class EventReaderTests
{
    private static readonly ReflectEntry Entry = new(
        IPAddress.Parse("192.168.50.10"), IPAddress.Parse("10.50.0.100"), null, null, null, 2,
        PhysicalAddress.Parse("02-00-00-00-00-02"), 0, ReflectEntryFlags.None, 0, 0, 0);

    [Fact]
    public void Events_are_yielded_in_order_and_the_reading_ends_at_the_timeout()
    {
        // Arrange
        var listener = new FakeNetlinkTransport();
        listener.Incoming.Enqueue(Event(REFLECT_EVENT_LEARN));
        listener.Incoming.Enqueue(Event(REFLECT_EVENT_MOVE));

        // Act
        List<ReflectNotification> read = ReflectEventReader.Read(listener, FamilyId, TimeSpan.FromMilliseconds(50), default).ToList();

        // Assert
        read.Should().Equal(new ReflectEvent(ReflectEventType.Learn, Entry, 0), new ReflectEvent(ReflectEventType.Move, Entry, 0));
        listener.Disposed.Should().BeTrue();
    }

    [Fact]
    public void A_receive_buffer_overrun_is_reported_as_lost_events_and_reading_goes_on()
    {
        // Arrange
        var listener = new FakeNetlinkTransport();
        listener.Incoming.Enqueue(Event(REFLECT_EVENT_LEARN));
        listener.Incoming.Enqueue(NetlinkException.FromErrno("recv(AF_NETLINK)", 105));
        listener.Incoming.Enqueue(Event(REFLECT_EVENT_EXPIRE));

        // Act
        List<ReflectNotification> read = ReflectEventReader.Read(listener, FamilyId, TimeSpan.FromMilliseconds(50), default).ToList();

        // Assert
        read.Should().Equal(
            new ReflectEvent(ReflectEventType.Learn, Entry, 0),
            ReflectEventsOverrun.Instance,
            new ReflectEvent(ReflectEventType.Expire, Entry, 0));
    }

    [Fact]
    public void A_cancellation_ends_the_reading_without_an_exception()
    {
        // Arrange
        var listener = new FakeNetlinkTransport();
        listener.Incoming.Enqueue(Event(REFLECT_EVENT_LEARN));
        listener.Incoming.Enqueue(Event(REFLECT_EVENT_FLAP));
        using var cancellation = new CancellationTokenSource();

        // Act: cancelled once the first event is in.
        var read = new List<ReflectNotification>();
        foreach (ReflectNotification notification in ReflectEventReader.Read(listener, FamilyId, timeout: null, cancellation.Token))
        {
            read.Add(notification);
            cancellation.Cancel();
        }

        // Assert
        read.Should().Equal(new ReflectEvent(ReflectEventType.Learn, Entry, 0));
        listener.Incoming.Should().HaveCount(1);
        listener.Disposed.Should().BeTrue();
    }

    [Fact]
    public void Reading_events_joins_the_events_group_before_it_returns()
    {
        // Arrange
        var family = new Reflect.Netlink.GenericNetlink.GenericNetlinkFamily("REFLECT", FamilyId,
            new Dictionary<string, uint> { ["events"] = 7 });
        var listener = new FakeNetlinkTransport();
        uint? joined = null;
        using var client = new ReflectClient(new FakeNetlinkTransport(), family, group =>
        {
            joined = group;
            return listener;
        });

        // Act
        IEnumerable<ReflectNotification> events = client.ReadEvents(TimeSpan.Zero);

        // Assert
        joined.Should().Be(7u);
        events.Should().BeEmpty();
    }

    private static byte[] Event(byte type) =>
        Wire.Write((ref NetlinkMessageWriter w) => EventMessagesTests.WriteEvent(ref w, type, Entry, lost: null));
}
