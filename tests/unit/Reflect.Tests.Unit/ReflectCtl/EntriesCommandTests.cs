// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.NetworkInformation;
using Reflect.Netlink;
using static Reflect.Tests.Unit.ReflectCtl.JsonLines;

namespace Reflect.Tests.Unit.ReflectCtl;

/// <summary>
/// reflectctl entries list|flush. Interface names come from this host's if_indextoname(3):
/// index 1 is the loopback, "lo", in every network namespace, and index 999999 is nowhere.
/// </summary>
public sealed class EntriesCommandTests
{
    private const int NoSuchIfIndex = 999999;

    private static readonly ReflectEntry PeerEntry = new(
        IPAddress.Parse("192.168.50.10"), IPAddress.Parse("10.50.0.100"), null, null, null, 1,
        PhysicalAddress.Parse("02-00-00-00-00-02"), 120, ReflectEntryFlags.None, 0, 0, 42);

    private static readonly ReflectEntry FlowEntry = new(
        IPAddress.Parse("fd50::10"), IPAddress.Parse("fd51::100"), 6, 3260, 51234, NoSuchIfIndex,
        PhysicalAddress.Parse("02-00-00-00-00-03"), 5, ReflectEntryFlags.Static | ReflectEntryFlags.Stale | (ReflectEntryFlags)0x8,
        2, 1, 7);

    [Fact]
    public void Entries_list_json_has_the_documented_fields_with_the_interface_named_on_this_host()
    {
        // Arrange
        var client = new FakeReflectClient();
        client.EntryDumps[0] = new([PeerEntry, FlowEntry], false);

        // Act
        (int exitCode, string output, string error) = client.Run("entries", "list", "--json");

        // Assert
        exitCode.Should().Be(0);
        error.Should().BeEmpty();
        output.Should().Be(
            OneLine(
                """
                {"entries":[{"family":"inet","local":"192.168.50.10","peer":"10.50.0.100","proto":null,"local_port":null,
                "peer_port":null,"ifindex":1,"iface":"lo","lladdr":"02:00:00:00:00:02","idle_ms":120,"flags":[],"moves":0,
                "flaps":0,"packets":42,"domain":0},{"family":"inet6","local":"fd50::10","peer":"fd51::100","proto":6,"local_port":3260,
                "peer_port":51234,"ifindex":999999,"iface":null,"lladdr":"02:00:00:00:00:03","idle_ms":5,
                "flags":["static","stale","0x8"],"moves":2,"flaps":1,"packets":7,"domain":0}],"interrupted":false}
                """));
        client.Calls.Should().Equal(new ClientCall("GetEntries", ReflectEntryFilter.None));
    }

    [Fact]
    public void Entries_list_text_is_a_table_with_ports_beside_the_addresses_in_flow_mode()
    {
        // Arrange
        var client = new FakeReflectClient();
        client.EntryDumps[0] = new([PeerEntry, FlowEntry], false);

        // Act
        (_, string output, _) = client.Run("entries", "list");

        // Assert
        output.Split('\n').Should().Equal(
            "LOCAL            PEER               PROTO  IFACE   LLADDR             IDLE_MS  FLAGS             MOVES  FLAPS  PACKETS",
            "192.168.50.10    10.50.0.100        -      lo      02:00:00:00:00:02      120  -                     0      0       42",
            "[fd50::10]:3260  [fd51::100]:51234  tcp    999999  02:00:00:00:00:03        5  static,stale,0x8      2      1        7",
            "");
    }

    [Fact]
    public void Entries_list_passes_the_interface_index_and_local_address_filters_to_the_dump()
    {
        // Arrange
        var client = new FakeReflectClient();

        // Act
        (int exitCode, _, _) = client.Run("entries", "list", "--iface", "4", "--local", "fd50::10", "--json");

        // Assert
        exitCode.Should().Be(0);
        client.Calls.Should().Equal(new ClientCall("GetEntries", new ReflectEntryFilter { IfIndex = 4, Local = IPAddress.Parse("fd50::10") }));
    }

    [Fact]
    public void An_interface_name_is_looked_up_on_this_host_as_the_kernel_filters_by_index()
    {
        // Arrange
        var client = new FakeReflectClient();

        // Act
        (int exitCode, _, _) = client.Run("entries", "list", "--iface", "lo");

        // Assert
        exitCode.Should().Be(0);
        client.Calls.Should().Equal(new ClientCall("GetEntries", new ReflectEntryFilter { IfIndex = 1 }));
    }

    [Fact]
    public void An_interface_name_this_host_lacks_is_a_usage_error_before_the_kernel_is_asked()
    {
        // Act
        (int exitCode, _, string error) = new FakeReflectClient().Run("entries", "list", "--iface", "nosuch0");

        // Assert
        exitCode.Should().Be(2);
        error.Should().Be("reflectctl: no network interface named 'nosuch0' in this network namespace\n");
    }

    [Fact]
    public void A_dump_interrupted_once_is_retried_and_reported_consistent()
    {
        // Arrange
        var client = new FakeReflectClient();
        client.EntryDumps[0] = new([PeerEntry, PeerEntry], true);
        client.EntryDumps.Add(new([PeerEntry], false));

        // Act
        (int exitCode, string output, string error) = client.Run("entries", "list", "--json");

        // Assert
        exitCode.Should().Be(0);
        error.Should().BeEmpty();
        output.Should().EndWith("\"packets\":42,\"domain\":0}],\"interrupted\":false}\n");
        client.Calls.Should().HaveCount(2);
    }

    [Fact]
    public void A_dump_interrupted_every_time_is_printed_marked_interrupted_with_a_warning()
    {
        // Arrange
        var client = new FakeReflectClient();
        client.EntryDumps[0] = new([PeerEntry], true);

        // Act
        (int exitCode, string output, string error) = client.Run("entries", "list", "--json");

        // Assert
        exitCode.Should().Be(0);
        output.Should().EndWith(",\"interrupted\":true}\n");
        error.Should().Be("reflectctl: warning: the kernel's table changed during each of 3 dumps; the list may miss or repeat items\n");
        client.Calls.Should().HaveCount(3);
    }

    [Theory]
    [InlineData(new string[0], null)]
    [InlineData(new[] { "--iface", "3" }, 3)]
    [InlineData(new[] { "--iface", "lo" }, 1)]
    public void Entries_flush_drops_every_entry_or_those_of_one_interface(string[] options, int? ifIndex)
    {
        // Arrange
        var client = new FakeReflectClient();

        // Act
        (int exitCode, string output, _) = client.Run(["entries", "flush", .. options]);

        // Assert
        exitCode.Should().Be(0);
        output.Should().BeEmpty();
        client.Calls.Should().Equal(new ClientCall("Flush", new ReflectEntryFilter { IfIndex = ifIndex }));
    }
}
