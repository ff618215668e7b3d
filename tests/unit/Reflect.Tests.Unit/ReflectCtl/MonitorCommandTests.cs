// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.NetworkInformation;
using Reflect.Netlink;
using static Reflect.Tests.Unit.ReflectCtl.JsonLines;

namespace Reflect.Tests.Unit.ReflectCtl;

/// <summary>reflectctl monitor: one line per event, until --count events or --timeout.</summary>
public sealed class MonitorCommandTests
{
    private static readonly ReflectEntry Learned = new(
        IPAddress.Parse("192.168.50.10"), IPAddress.Parse("10.50.0.100"), null, null, null, 1,
        PhysicalAddress.Parse("02-00-00-00-00-02"), 0, ReflectEntryFlags.None, 0, 0, 0);

    private static readonly ReflectEntry Moved = new(
        IPAddress.Parse("fd50::10"), IPAddress.Parse("fd51::100"), 6, 3260, 51234, 999999,
        PhysicalAddress.Parse("02-00-00-00-00-03"), 5, ReflectEntryFlags.Static, 1, 0, 9);

    [Fact]
    public void Monitor_json_prints_one_object_per_event_with_the_entry_as_entries_list_has_it()
    {
        // Arrange
        var client = new FakeReflectClient();
        client.Events.AddRange([
            new ReflectEvent(ReflectEventType.Learn, Learned, 0),
            ReflectEventsOverrun.Instance,
            new ReflectEvent(ReflectEventType.Move, Moved, 3)]);

        // Act
        (int exitCode, string output, string error) = client.Run("monitor", "--json");

        // Assert
        exitCode.Should().Be(0);
        error.Should().BeEmpty();
        output.Should().Be(
            OneLine(
                """
                {"event":"learn","lost":0,"entry":{"family":"inet","local":"192.168.50.10","peer":"10.50.0.100","proto":null,
                "local_port":null,"peer_port":null,"ifindex":1,"iface":"lo","lladdr":"02:00:00:00:00:02","idle_ms":0,"flags":[],
                "moves":0,"flaps":0,"packets":0,"domain":0}}
                """) +
            OneLine("""{"event":"overrun","lost":null,"entry":null}""") +
            OneLine(
                """
                {"event":"move","lost":3,"entry":{"family":"inet6","local":"fd50::10","peer":"fd51::100","proto":6,
                "local_port":3260,"peer_port":51234,"ifindex":999999,"iface":null,"lladdr":"02:00:00:00:00:03","idle_ms":5,
                "flags":["static"],"moves":1,"flaps":0,"packets":9,"domain":0}}
                """));
        client.Calls.Should().Equal(new ClientCall("ReadEvents", null));
    }

    [Fact]
    public void Monitor_text_prints_one_line_per_event_and_says_when_events_were_lost()
    {
        // Arrange
        var client = new FakeReflectClient();
        client.Events.AddRange([
            new ReflectEvent(ReflectEventType.Learn, Learned, 0),
            new ReflectEvent(ReflectEventType.Move, Moved, 3),
            ReflectEventsOverrun.Instance,
            new ReflectEvent((ReflectEventType)9, Learned, 0)]);

        // Act
        (_, string output, _) = client.Run("monitor");

        // Assert
        output.Split('\n').Should().Equal(
            "learn   192.168.50.10 10.50.0.100 via lo 02:00:00:00:00:02",
            "move    tcp [fd50::10]:3260 [fd51::100]:51234 via 999999 02:00:00:00:00:03 static (3 events lost before it)",
            "overrun: events lost, this listener read too slowly",
            "9       192.168.50.10 10.50.0.100 via lo 02:00:00:00:00:02",
            "");
    }

    [Fact]
    public void Monitor_stops_after_count_events_not_counting_overruns()
    {
        // Arrange
        var client = new FakeReflectClient();
        client.Events.AddRange([
            new ReflectEvent(ReflectEventType.Learn, Learned, 0),
            ReflectEventsOverrun.Instance,
            new ReflectEvent(ReflectEventType.Expire, Learned, 0),
            new ReflectEvent(ReflectEventType.Learn, Learned, 0)]);

        // Act
        (int exitCode, string output, _) = client.Run("monitor", "--json", "--count", "2", "--timeout", "1.5");

        // Assert
        exitCode.Should().Be(0);
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line[..18])
            .Should().Equal("{\"event\":\"learn\",\"", "{\"event\":\"overrun\"", "{\"event\":\"expire\",");
        client.Calls.Should().Equal(new ClientCall("ReadEvents", TimeSpan.FromSeconds(1.5)));
    }

    [Fact]
    public void Monitor_exits_6_when_the_timeout_passes_before_count_events()
    {
        // Arrange
        var client = new FakeReflectClient();
        client.Events.Add(new ReflectEvent(ReflectEventType.Learn, Learned, 0));

        // Act
        (int exitCode, _, string error) = client.Run("monitor", "--count", "3", "--timeout", "10");

        // Assert
        exitCode.Should().Be(6);
        error.Should().Be("reflectctl: monitor: 1 of 3 events arrived within 10 s\n");
    }

    [Theory]
    [InlineData("--count", "0", "'0' is not a count: 1 to 2147483647")]
    [InlineData("--timeout", "-1", "'-1' is not a number of seconds: more than 0, e.g. 10 or 0.5")]
    [InlineData("--timeout", "soon", "'soon' is not a number of seconds: more than 0, e.g. 10 or 0.5")]
    public void A_malformed_count_or_timeout_is_a_usage_error(string option, string value, string message)
    {
        // Act
        (int exitCode, _, string error) = new FakeReflectClient().Run("monitor", option, value);

        // Assert
        exitCode.Should().Be(2);
        error.Should().StartWith($"reflectctl: {message}\n");
    }
}
