// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.NetworkInformation;
using Reflect.Netlink;
using static Reflect.Tests.Unit.ReflectCtl.JsonLines;

namespace Reflect.Tests.Unit.ReflectCtl;

/// <summary>
/// reflectctl apply: the kernel (a stateful fake) made to match a desired-state file, read from
/// standard input here (-f -). Entries use "lo", index 1 on every host.
/// </summary>
public sealed class ApplyCommandTests
{
    private const string Desired = """
        {
          "config": { "idle_timeout": 600, "enabled": true },
          "interfaces": [ "lo" ],
          "scopes": { "exclude": [ "192.168.50.100/32" ] },
          "entries": [ { "local": "192.168.50.10", "peer": "10.50.0.100", "iface": "lo", "lladdr": "02:00:00:00:00:02" } ]
        }
        """;

    [Fact]
    public void Apply_prints_each_difference_and_makes_the_kernel_match()
    {
        // Arrange
        FakeReflectClient client = KernelWithState();

        // Act
        (int exitCode, string output, string error) = client.RunWithInput(Desired, "apply", "-f", "-");

        // Assert
        exitCode.Should().Be(0);
        error.Should().BeEmpty();
        output.Split('\n').Should().Equal(
            "~ config idle_timeout 300 -> 600",
            "- iface eth9",
            "- scope include 10.0.0.0/8",
            "+ scope exclude 192.168.50.100/32",
            "- entry 192.168.50.10 10.50.0.101 lo 02:00:00:00:00:09",
            "+ entry 192.168.50.10 10.50.0.100 lo 02:00:00:00:00:02",
            "");
        client.Changes.Select(call => call.Method).Should().Equal(
            "SetConfig", "DeleteScope", "AddScope", "DeleteEntries", "AddEntries", "DeleteInterface");
        client.Changes.First().Argument.Should().Be(new ReflectConfigChange { IdleTimeoutSeconds = 600 });
        client.Table.Select(entry => (entry.Peer.ToString(), entry.Flags)).Should().BeEquivalentTo(
            [("10.50.0.102", ReflectEntryFlags.None), ("10.50.0.100", ReflectEntryFlags.Static)]);
    }

    [Fact]
    public void Apply_with_skip_missing_leaves_out_an_interface_the_host_lacks_with_its_next_hops_and_entries_and_exits_6()
    {
        // Arrange
        var client = new FakeReflectClient();
        const string desired = """
            {
              "interfaces": [ "lo", "vlan-not-yet" ],
              "nexthops": { "lo": [ "192.168.50.2" ], "vlan-not-yet": [ "192.168.60.2" ] },
              "entries": [ { "local": "192.168.60.10", "peer": "10.60.0.100", "iface": "vlan-not-yet", "lladdr": "02:00:00:00:00:02" } ]
            }
            """;

        // Act
        (int exitCode, string output, string error) = client.RunWithInput(desired, "apply", "-f", "-", "--skip-missing");

        // Assert
        exitCode.Should().Be(6);
        error.Should().Be("reflectctl: no network interface named 'vlan-not-yet' yet: left out, with its next hops and entries\n");
        output.Split('\n').Should().Equal("+ iface lo", "+ nexthop lo 192.168.50.2", "");
        client.Changes.Select(call => call.Method).Should().Equal("AddInterface", "AddNextHop");
    }

    [Fact]
    public void Apply_without_skip_missing_refuses_a_file_that_names_an_interface_the_host_lacks()
    {
        // Arrange
        var client = new FakeReflectClient();
        const string desired = """{ "nexthops": { "vlan-not-yet": [ "192.168.60.2" ] } }""";

        // Act
        (int exitCode, _, string error) = client.RunWithInput(desired, "apply", "-f", "-");

        // Assert
        exitCode.Should().Be(2);
        error.Should().Contain("no network interface named 'vlan-not-yet'");
        client.Changes.Should().BeEmpty();
    }

    [Fact]
    public void Apply_names_the_files_next_hops_and_drops_the_others()
    {
        // Arrange
        var client = new FakeReflectClient
        {
            NextHops = new([ReflectNextHop.ByAddress(1, IPAddress.Parse("192.168.50.9"))], false),
        };
        const string desired = """{ "nexthops": { "lo": [ "192.168.50.2", "02:00:00:00:00:02" ] } }""";

        // Act
        (int exitCode, string output, string error) = client.RunWithInput(desired, "apply", "-f", "-");

        // Assert
        exitCode.Should().Be(0);
        error.Should().BeEmpty();
        output.Split('\n').Should().Equal(
            "- nexthop lo 192.168.50.9",
            "+ nexthop lo 192.168.50.2",
            "+ nexthop lo 02:00:00:00:00:02",
            "");
        client.NextHops.Items.Should().Equal(
            ReflectNextHop.ByAddress(1, IPAddress.Parse("192.168.50.2")),
            ReflectNextHop.ByLinkLayerAddress(1, PhysicalAddress.Parse("02-00-00-00-00-02")));
    }

    [Fact]
    public void A_second_apply_of_the_same_state_prints_nothing_and_changes_nothing()
    {
        // Arrange
        FakeReflectClient client = KernelWithState();
        client.RunWithInput(Desired, "apply", "-f", "-");
        client.Calls.Clear();

        // Act
        (int exitCode, string output, string error) = client.RunWithInput(Desired, "apply", "-f", "-");

        // Assert
        exitCode.Should().Be(0);
        (output + error).Should().BeEmpty();
        client.Changes.Should().BeEmpty();
    }

    [Fact]
    public void A_dry_run_prints_the_same_changes_and_makes_none()
    {
        // Arrange
        FakeReflectClient client = KernelWithState();
        IReadOnlyList<ReflectEntry> table = client.Table;

        // Act
        (int exitCode, string output, _) = client.RunWithInput(Desired, "apply", "-f", "-", "--dry-run");

        // Assert
        exitCode.Should().Be(0);
        output.Split('\n').Should().HaveCount(7).And.Contain("- iface eth9");
        client.Changes.Should().BeEmpty();
        client.Table.Should().BeSameAs(table);
    }

    [Fact]
    public void Apply_json_lists_the_changes_with_op_kind_name_from_and_to()
    {
        // Arrange
        FakeReflectClient client = KernelWithState();

        // Act
        (_, string output, _) = client.RunWithInput("""{ "config": { "mode": "flow" }, "interfaces": [ "lo", "eth9" ] }""",
            "apply", "-f", "-", "--json", "--dry-run");

        // Assert
        output.Should().Be(OneLine("""{"changes":[{"op":"~","kind":"config","name":"mode","from":"peer","to":"flow"}],"dry_run":true}"""));
    }

    [Fact]
    public void Environment_variables_prefixed_REFLECT_override_the_file_and_others_are_ignored()
    {
        // Arrange
        FakeReflectClient client = KernelWithState();
        Environment.SetEnvironmentVariable("REFLECT_config__idle_timeout", "900");
        Environment.SetEnvironmentVariable("REFLECT_KO", "/lib/modules/reflect.ko");
        try
        {
            // Act
            (int exitCode, string output, string error) = client.RunWithInput("""{ "config": { "idle_timeout": 600 } }""", "apply", "-f", "-");

            // Assert
            exitCode.Should().Be(0, error);
            output.Should().Be("~ config idle_timeout 300 -> 900\n");
        }
        finally
        {
            Environment.SetEnvironmentVariable("REFLECT_config__idle_timeout", null);
            Environment.SetEnvironmentVariable("REFLECT_KO", null);
        }
    }

    [Fact]
    public void Parts_the_file_leaves_out_are_neither_read_nor_changed()
    {
        // Arrange
        FakeReflectClient client = KernelWithState();

        // Act
        (int exitCode, string output, _) = client.RunWithInput("""{ "config": { "event_rate": 1000 } }""", "apply", "-f", "-");

        // Assert
        exitCode.Should().Be(0);
        output.Should().BeEmpty();
        client.Calls.Should().Equal(new ClientCall("GetConfig"));
    }

    [Fact]
    public void An_empty_list_is_a_part_with_nothing_in_it()
    {
        // Arrange
        FakeReflectClient client = KernelWithState();

        // Act
        (_, string output, _) = client.RunWithInput("""{ "interfaces": [], "entries": [] }""", "apply", "-f", "-");

        // Assert
        output.Split('\n').Should().Equal("- iface eth9", "- iface lo", "- entry 192.168.50.10 10.50.0.101 lo 02:00:00:00:00:09", "");
        client.Interfaces.Items.Should().BeEmpty();
    }

    [Fact]
    public void A_static_entry_with_another_next_hop_is_replaced()
    {
        // Arrange
        FakeReflectClient client = KernelWithState();

        // Act
        (_, string output, _) = client.RunWithInput(
            """{ "entries": [ { "local": "192.168.50.10", "peer": "10.50.0.101", "iface": "lo", "lladdr": "02:00:00:00:00:0a" } ] }""",
            "apply", "-f", "-");

        // Assert
        output.Should().Be("~ entry 192.168.50.10 10.50.0.101 lo 02:00:00:00:00:09 -> lo 02:00:00:00:00:0a\n");
        client.Calls.Single(call => call.Method == "AddEntries").Argument.Should().BeEquivalentTo(
            (new[] { new ReflectNewEntry(Key("10.50.0.101"), 1, PhysicalAddress.Parse("02-00-00-00-00-0A"), Static: true) }, true));
    }

    [Fact]
    public void A_flow_entry_is_read_with_its_protocol_by_name_or_number()
    {
        // Arrange
        FakeReflectClient client = KernelWithState();
        const string flows = """
            { "entries": [
                { "local": "fd50::10", "peer": "fd51::100", "iface": "lo", "lladdr": "02:00:00:00:00:02",
                  "proto": "tcp", "local_port": 3260, "peer_port": 51234 },
                { "local": "fd50::10", "peer": "fd51::100", "iface": "lo", "lladdr": "02:00:00:00:00:02",
                  "proto": 17, "local_port": 4420, "peer_port": 51234 } ] }
            """;

        // Act
        (_, string output, _) = client.RunWithInput(flows, "apply", "-f", "-", "--dry-run");

        // Assert
        output.Split('\n').Should().Contain(
            "+ entry tcp [fd50::10]:3260 [fd51::100]:51234 lo 02:00:00:00:00:02",
            "+ entry udp [fd50::10]:4420 [fd51::100]:51234 lo 02:00:00:00:00:02");
    }

    [Fact]
    public void A_mode_change_plans_the_entries_against_the_table_it_flushes()
    {
        // Arrange
        FakeReflectClient client = KernelWithState();

        // Act
        (_, string output, _) = client.RunWithInput(
            """{ "config": { "mode": "flow" }, "entries": [ { "local": "192.168.50.10", "peer": "10.50.0.101", "iface": "lo", "lladdr": "02:00:00:00:00:09" } ] }""",
            "apply", "-f", "-", "--dry-run");

        // Assert
        output.Split('\n').Should().Equal(
            "~ config mode peer -> flow", "+ entry 192.168.50.10 10.50.0.101 lo 02:00:00:00:00:09", "");
        client.Calls.Should().NotContain(call => call.Method == "GetEntries");
    }

    [Fact]
    public void Entries_the_kernel_refuses_are_each_reported_and_exit_5()
    {
        // Arrange
        FakeReflectClient client = KernelWithState();
        client.RefuseEntry = _ => NetlinkException.FromErrno("netlink request", 28, "table full");

        // Act
        (int exitCode, _, string error) = client.RunWithInput(Desired, "apply", "-f", "-");

        // Assert
        exitCode.Should().Be(5);
        error.Should().Be("reflectctl: the kernel refused entry 192.168.50.10 10.50.0.100: table full\n");
    }

    [Theory]
    [InlineData("""[ "lo" ]""", "standard input: not a JSON object: *")]
    [InlineData("""{ "config": """, "standard input: not a JSON object: *")]
    [InlineData("""{ "interface": [ "lo" ] }""", "standard input: unknown key 'interface'; the desired state has config, interfaces, scopes, entries, nexthops")]
    [InlineData("""{ "config": { "idle": 5 } }""", "standard input: config: unknown config key 'idle'; valid keys: *")]
    [InlineData("""{ "config": { "idle_timeout": "soon" } }""", "standard input: config: 'soon' is not a value for idle_timeout, which takes SECONDS; *")]
    [InlineData("""{ "interfaces": [ "lo", "lo" ] }""", "standard input: interfaces: lo is listed twice")]
    [InlineData("""{ "interfaces": [ [ "lo" ] ] }""", "standard input: interfaces:0: must be a value, not a list or an object")]
    [InlineData("""{ "interfaces": "lo" }""", "standard input: interfaces: must be a list of interface names")]
    [InlineData("""{ "config": 5 }""", "standard input: config: must be an object of config keys")]
    [InlineData("""{ "entries": [ "10.50.0.100" ] }""", "standard input: entries:0: must be an object with local, peer, iface, lladdr, proto, local_port, peer_port")]
    [InlineData("""{ "scopes": { "exclude": [ "192.168.50.1/24" ] } }""",
        "standard input: scopes:exclude:0: '192.168.50.1/24': the host bits, those after the first 24, must be zero (the prefix is 192.168.50.0/24)")]
    [InlineData("""{ "scopes": { "deny": [ "10.0.0.0/8" ] } }""", "standard input: scopes:deny: unknown key; scopes takes include, exclude")]
    [InlineData("""{ "entries": [ { "local": "192.168.50.10", "peer": "10.50.0.100", "iface": "lo" } ] }""", "standard input: entries:0: lacks lladdr")]
    [InlineData("""{ "entries": [ { "local": "192.168.50.10", "peer": "10.50.0.100", "iface": "lo", "lladdr": "02:00:00:00:00:02", "via": "x" } ] }""",
        "standard input: entries:0:via: unknown key; an entry takes local, peer, iface, lladdr, proto, local_port, peer_port")]
    [InlineData("""{ "entries": [ { "local": "192.168.50.10", "peer": "10.50.0.100", "iface": "lo", "lladdr": "02:00:00:00:00:02", "proto": "tcp" } ] }""",
        "standard input: entries:0: proto, local_port and peer_port go together: a flow key has all three")]
    [InlineData("""{ "entries": [ { "local": "192.168.50.10", "peer": "fd51::1", "iface": "lo", "lladdr": "02:00:00:00:00:02" } ] }""",
        "standard input: entries:0: the peer fd51::1 and the local address 192.168.50.10 are of different families")]
    [InlineData("""{ "entries": [ { "local": "192.168.50.10", "peer": "10.50.0.100", "iface": "lo", "lladdr": "02:00:00:00:00:02" }, { "local": "192.168.50.10", "peer": "10.50.0.100", "iface": "lo", "lladdr": "02:00:00:00:00:03" } ] }""",
        "standard input: entries:1: a second entry of the key 192.168.50.10 10.50.0.100")]
    [InlineData("""{ "interfaces": [ "lo" ], "entries": [ { "local": "192.168.50.10", "peer": "10.50.0.100", "iface": "eth9", "lladdr": "02:00:00:00:00:02" } ] }""",
        "entries:0:iface: reflection is not enabled on eth9; list it in interfaces")]
    public void A_malformed_desired_state_is_a_usage_error_saying_where(string json, string message)
    {
        // Arrange
        FakeReflectClient client = KernelWithState();

        // Act
        (int exitCode, string output, string error) = client.RunWithInput(json, "apply", "-f", "-");

        // Assert
        exitCode.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Match($"reflectctl: {message}\n");
        client.Changes.Should().BeEmpty();
    }

    [Fact]
    public void Apply_reads_a_file_by_path_and_says_when_it_cannot()
    {
        // Arrange
        FakeReflectClient client = KernelWithState();
        string path = Path.Combine(Path.GetTempPath(), $"reflect-apply-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "interfaces": [ "lo", "eth9" ] }""");
        try
        {
            // Act
            (int applied, string output, _) = client.Run("apply", "-f", path);
            (int missing, _, string error) = client.Run("apply", "-f", path + ".missing");

            // Assert
            applied.Should().Be(0);
            output.Should().BeEmpty();
            missing.Should().Be(2);
            error.Should().StartWith($"reflectctl: cannot read {path}.missing: ");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Peer mode with the sample config; interfaces lo and eth9; an include prefix; a static
    /// entry to 10.50.0.101 and a learned one to 10.50.0.102, both on lo.
    /// </summary>
    private static FakeReflectClient KernelWithState()
    {
        var client = new FakeReflectClient
        {
            Interfaces = new([new ReflectInterface(1, "lo", ReflectCounters.Zero), new ReflectInterface(1001, "eth9", ReflectCounters.Zero)], false),
            Scopes = new([new ReflectScope(ReflectScopeAction.Include, IPNetwork.Parse("10.0.0.0/8"))], false),
        };
        client.EntryDumps[0] = new(
        [
            Entry("10.50.0.101", "02-00-00-00-00-09", ReflectEntryFlags.Static),
            Entry("10.50.0.102", "02-00-00-00-00-08", ReflectEntryFlags.None),
        ], false);
        return client;
    }

    private static ReflectEntry Entry(string peer, string lladdr, ReflectEntryFlags flags) => new(
        IPAddress.Parse("192.168.50.10"), IPAddress.Parse(peer), null, null, null, 1, PhysicalAddress.Parse(lladdr), 100, flags, 0, 0, 0);

    private static ReflectEntryKey Key(string peer) => new(IPAddress.Parse("192.168.50.10"), IPAddress.Parse(peer));
}
