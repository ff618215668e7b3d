// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Text.Json;
using Reflect.Netlink;

namespace Reflect.Tests.Unit.ReflectCtl;

/// <summary>reflectctl save and restore: a table carried from an active node to a standby, interfaces by name.</summary>
public sealed class SaveRestoreCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("reflect-save-").FullName;

    private static readonly ReflectEntry Learned = new(
        IPAddress.Parse("192.168.50.10"), IPAddress.Parse("10.50.0.100"), null, null, null, 1,
        PhysicalAddress.Parse("02-00-00-00-00-02"), 120, ReflectEntryFlags.None, 2, 1, 42);

    private static readonly ReflectEntry Pinned = new(
        IPAddress.Parse("fd50::10"), IPAddress.Parse("fd51::100"), null, null, null, 1,
        PhysicalAddress.Parse("02-00-00-00-00-03"), 5, ReflectEntryFlags.Static, 0, 0, 7);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Save_writes_the_table_with_interface_names_the_module_version_mode_and_time()
    {
        // Arrange
        FakeReflectClient active = Active();
        string path = Path.Combine(_directory, "table.json");

        // Act
        (int exitCode, string output, string error) = active.Run("save", "-f", path);

        // Assert
        exitCode.Should().Be(0);
        error.Should().BeEmpty();
        output.Should().Be($"saved 2 entries (peer mode) to {path}\n");
        using JsonDocument saved = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement root = saved.RootElement;
        root.GetProperty("version").GetString().Should().Be("0.1.0");
        root.GetProperty("mode").GetString().Should().Be("peer");
        DateTimeOffset.Parse(root.GetProperty("saved_at").GetString()!, CultureInfo.InvariantCulture)
            .Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        root.GetProperty("entries")[0].GetRawText().Should().Be(
            """{"family":"inet","local":"192.168.50.10","peer":"10.50.0.100","proto":null,"local_port":null,"peer_port":null,"iface":"lo","lladdr":"02:00:00:00:00:02","flags":[],"idle_ms":120}""");
        File.Exists(path + ".tmp").Should().BeFalse();
    }

    [Fact]
    public void Save_to_dash_writes_the_table_alone_to_standard_output()
    {
        // Act
        (int exitCode, string output, _) = Active().Run("save", "-f", "-");

        // Assert
        exitCode.Should().Be(0);
        output.Should().StartWith("{\"version\":\"0.1.0\",\"mode\":\"peer\",\"saved_at\":\"").And.EndWith("}\n");
        output.Count(c => c == '\n').Should().Be(1);
    }

    [Fact]
    public void A_saved_table_restores_on_a_standby_learned_entries_as_learned_and_static_ones_as_static()
    {
        // Arrange
        (_, string saved, _) = Active().Run("save", "-f", "-");
        FakeReflectClient standby = Standby();

        // Act
        (int exitCode, string output, string error) = standby.RunWithInput(saved, "restore", "-f", "-");

        // Assert
        exitCode.Should().Be(0, error);
        output.Should().Be("loaded 2 of 2 entries\n");
        standby.Table.Select(entry => (entry.Key, entry.IfIndex, entry.LinkLayerAddress, entry.Flags)).Should().Equal(
            (Learned.Key, 7, Learned.LinkLayerAddress, ReflectEntryFlags.None),
            (Pinned.Key, 7, Pinned.LinkLayerAddress, ReflectEntryFlags.Static));
        standby.Calls.Count(call => call.Method == "AddEntries").Should().Be(1);
    }

    [Fact]
    public void A_saved_tables_named_next_hops_are_named_on_the_standby_before_its_entries_load()
    {
        // Arrange
        FakeReflectClient active = Active();
        active.NextHops = new([ReflectNextHop.ByAddress(1, IPAddress.Parse("192.168.50.2"))], false);
        (_, string saved, _) = active.Run("save", "-f", "-");
        FakeReflectClient standby = Standby();

        // Act
        (int exitCode, _, string error) = standby.RunWithInput(saved, "restore", "-f", "-");

        // Assert
        exitCode.Should().Be(0, error);
        saved.Should().Contain("""
            "nexthops":[{"iface":"lo","address":"192.168.50.2","lladdr":null}]
            """);
        standby.NextHops.Items.Should().Equal(ReflectNextHop.ByAddress(1, IPAddress.Parse("192.168.50.2")));
        standby.Changes.Select(call => call.Method).Should().Equal("AddNextHop", "AddEntries");
    }

    [Fact]
    public void Restore_skips_what_does_not_fit_here_says_why_and_exits_6()
    {
        // Arrange: the table names eth2, which the standby has not enabled, holds a stale entry,
        // and an entry the standby already has.
        string table = Table("peer",
            SavedEntry("10.50.0.100", "lo"),
            SavedEntry("10.50.0.101", "eth2"),
            SavedEntry("10.50.0.102", "eth2"),
            SavedEntry("10.50.0.103", "lo", """["stale"]"""),
            SavedEntry("10.50.0.104", "lo"));
        FakeReflectClient standby = Standby();
        standby.RunWithInput(Table("peer", SavedEntry("10.50.0.104", "lo")), "restore", "-f", "-");

        // Act
        (int exitCode, string output, _) = standby.RunWithInput(table, "restore", "-f", "-");
        (_, string json, _) = standby.RunWithInput(table, "restore", "-f", "-", "--json");

        // Assert
        exitCode.Should().Be(6);
        output.Split('\n').Should().Equal(
            "loaded 1 of 5 entries",
            "skipped 4:",
            "  2  interface eth2 is not enabled here",
            "  1  stale when saved",
            "  1  already here (--replace replaces it)",
            "");
        json.Should().Be(
            """{"entries":5,"loaded":0,"skipped":[{"reason":"interface eth2 is not enabled here","entries":2},""" +
            """{"reason":"stale when saved","entries":1},{"reason":"already here (--replace replaces it)","entries":2}]}""" + "\n");
    }

    [Fact]
    public void Restore_with_replace_replaces_the_entries_already_here()
    {
        // Arrange
        FakeReflectClient standby = Standby();
        standby.RunWithInput(Table("peer", SavedEntry("10.50.0.100", "lo")), "restore", "-f", "-");

        // Act
        (int exitCode, string output, _) = standby.RunWithInput(
            Table("peer", SavedEntry("10.50.0.100", "lo", lladdr: "02:00:00:00:00:0b")), "restore", "-f", "-", "--replace");

        // Assert
        exitCode.Should().Be(0);
        output.Should().Be("loaded 1 of 1 entries\n");
        standby.Table.Should().ContainSingle().Which.LinkLayerAddress.Should().Be(PhysicalAddress.Parse("02-00-00-00-00-0B"));
    }

    [Fact]
    public void A_table_of_the_other_mode_is_skipped_whole()
    {
        // Arrange
        FakeReflectClient standby = Standby();

        // Act
        (int exitCode, string output, _) = standby.RunWithInput(Table("flow", SavedEntry("10.50.0.100", "lo")), "restore", "-f", "-");

        // Assert
        exitCode.Should().Be(6);
        output.Split('\n')[^2].Should().Be("  1  saved in flow mode, this namespace is in peer mode");
        standby.Changes.Should().BeEmpty();
    }

    [Fact]
    public void Entries_the_kernel_refuses_are_counted_with_its_message()
    {
        // Arrange
        FakeReflectClient standby = Standby();
        standby.RefuseEntry = _ => NetlinkException.FromErrno("netlink request", 28, "table full");

        // Act
        (int exitCode, string output, _) = standby.RunWithInput(Table("peer", SavedEntry("10.50.0.100", "lo")), "restore", "-f", "-");

        // Assert
        exitCode.Should().Be(6);
        output.Split('\n')[^2].Should().Be("  1  refused: table full");
    }

    [Fact]
    public void Restore_without_CAP_NET_ADMIN_exits_4_once()
    {
        // Arrange
        FakeReflectClient standby = Standby();
        standby.RefuseEntry = _ => NetlinkException.FromErrno("netlink request", 1);

        // Act
        (int exitCode, _, string error) = standby.RunWithInput(
            Table("peer", SavedEntry("10.50.0.100", "lo"), SavedEntry("10.50.0.101", "lo")), "restore", "-f", "-");

        // Assert
        exitCode.Should().Be(4);
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle().Which.Should().StartWith("reflectctl: permission denied");
    }

    [Theory]
    [InlineData("{", "standard input: not JSON: *")]
    [InlineData("[]", "standard input: the top level: must be an object with version, mode, saved_at and entries")]
    [InlineData("""{"version":"0.1.0","mode":"peer","saved_at":"2025-11-21T09:30:00Z"}""", "standard input: the top level: lacks entries")]
    [InlineData("""{"version":"0.1.0","mode":"fast","saved_at":"2025-11-21T09:30:00Z","entries":[]}""", "standard input: mode: 'fast' is not a mode: peer or flow")]
    [InlineData("""{"version":"0.1.0","mode":"peer","saved_at":"yesterday","entries":[]}""", "standard input: saved_at: 'yesterday' is not a time, e.g. 2025-11-21T09:30:00Z")]
    [InlineData("""{"version":"0.1.0","mode":"peer","saved_at":"2025-11-21T09:30:00Z","entries":[{"local":"192.168.50.10","peer":"10.50.0.100","iface":"lo","lladdr":"02:00","flags":[]}]}""",
        "standard input: entries[0].lladdr: '02:00' is not a MAC address: six hex bytes, e.g. 02:00:00:00:00:02")]
    [InlineData("""{"version":"0.1.0","mode":"peer","saved_at":"2025-11-21T09:30:00Z","entries":[{"local":"192.168.50.10","peer":"10.50.0.100","iface":"lo","lladdr":"02:00:00:00:00:02"}]}""",
        "standard input: entries[0]: lacks flags")]
    [InlineData("""{"version":"0.1.0","mode":"flow","saved_at":"2025-11-21T09:30:00Z","entries":[{"local":"192.168.50.10","peer":"10.50.0.100","proto":6,"local_port":3260,"iface":"lo","lladdr":"02:00:00:00:00:02","flags":[]}]}""",
        "standard input: entries[0]: lacks peer_port")]
    public void A_malformed_table_is_a_usage_error_saying_where(string table, string message)
    {
        // Arrange
        FakeReflectClient standby = Standby();

        // Act
        (int exitCode, _, string error) = standby.RunWithInput(table, "restore", "-f", "-");

        // Assert
        exitCode.Should().Be(2);
        error.Should().Match($"reflectctl: {message}\n");
        standby.Calls.Should().BeEmpty();
    }

    [Fact]
    public void A_flow_table_round_trips_with_its_flows()
    {
        // Arrange
        ReflectEntry flow = Learned with { Protocol = 6, LocalPort = 3260, PeerPort = 51234 };
        var active = new FakeReflectClient { Status = new("0.1.0", ReflectCounters.Zero, Netlink.Samples.Config with { Mode = ReflectMode.Flow }) };
        active.EntryDumps[0] = new([flow], false);
        FakeReflectClient standby = Standby();
        standby.Config = standby.Config with { Mode = ReflectMode.Flow };
        (_, string saved, _) = active.Run("save", "-f", "-");

        // Act
        (int exitCode, _, _) = standby.RunWithInput(saved, "restore", "-f", "-");

        // Assert
        exitCode.Should().Be(0);
        standby.Table.Should().ContainSingle().Which.Key.Should().Be(flow.Key);
    }

    /// <summary>The active node: peer mode, a learned and a static entry on lo (index 1 here).</summary>
    private static FakeReflectClient Active()
    {
        var active = new FakeReflectClient();
        active.EntryDumps[0] = new([Learned, Pinned], false);
        return active;
    }

    /// <summary>The standby: peer mode, reflection enabled on lo, which has index 7 in its namespace.</summary>
    private static FakeReflectClient Standby() =>
        new() { Interfaces = new([new ReflectInterface(7, "lo", ReflectCounters.Zero)], false) };

    private static string Table(string mode, params string[] entries) =>
        $$"""{"version":"0.1.0","mode":"{{mode}}","saved_at":"2025-11-21T09:30:00Z","entries":[{{string.Join(',', entries)}}]}""";

    private static string SavedEntry(string peer, string iface, string flags = "[]", string lladdr = "02:00:00:00:00:02") =>
        $$"""{"family":"inet","local":"192.168.50.10","peer":"{{peer}}","proto":null,"local_port":null,"peer_port":null,"iface":"{{iface}}","lladdr":"{{lladdr}}","flags":{{flags}},"idle_ms":0}""";
}
