// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.NetworkInformation;
using Reflect.Netlink;

namespace Reflect.Tests.Unit.ReflectCtl;

/// <summary>reflectctl entries add|del, and the filters of entries list|flush. Interface "lo" is index 1 on every host.</summary>
public sealed class EntryChangeCommandTests
{
    private static readonly ReflectEntryKey PeerKey = new(IPAddress.Parse("192.168.50.10"), IPAddress.Parse("10.50.0.100"));

    [Fact]
    public void Entries_add_sends_the_key_interface_next_hop_and_flags()
    {
        // Arrange
        var client = new FakeReflectClient();

        // Act
        (int exitCode, string output, string error) = client.Run("entries", "add", "10.50.0.100", "--local", "192.168.50.10",
            "--iface", "lo", "--lladdr", "02:00:00:00:00:02", "--static", "--replace");

        // Assert
        exitCode.Should().Be(0);
        (output + error).Should().BeEmpty();
        client.Calls.Should().Equal(new ClientCall("AddEntry",
            (new ReflectNewEntry(PeerKey, 1, PhysicalAddress.Parse("02-00-00-00-00-02"), Static: true), true)));
    }

    [Fact]
    public void Entries_add_with_a_flow_sends_the_flow_key_and_without_static_loads_as_learned()
    {
        // Arrange
        var client = new FakeReflectClient();

        // Act
        (int exitCode, _, _) = client.Run("entries", "add", "fd51::100", "--local", "fd50::10", "--iface", "1",
            "--lladdr", "02-00-00-00-00-03", "--proto", "tcp", "--local-port", "3260", "--peer-port", "51234");

        // Assert
        exitCode.Should().Be(0);
        client.Table.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Key = new ReflectEntryKey(IPAddress.Parse("fd50::10"), IPAddress.Parse("fd51::100"), new ReflectFlow(6, 3260, 51234)),
            IfIndex = 1,
            Flags = ReflectEntryFlags.None,
        });
    }

    [Theory]
    [InlineData(new[] { "--proto", "udp" }, "add: --proto, --local-port and --peer-port go together: a flow key has all three")]
    [InlineData(new[] { "--proto", "gre2", "--local-port", "1", "--peer-port", "2" }, "'gre2' is not a protocol: tcp|udp|sctp|N (0 to 255)")]
    [InlineData(new[] { "--proto", "17", "--local-port", "0", "--peer-port", "2" }, "'0' is not a port: 1 to 65535")]
    public void A_partial_or_malformed_flow_is_a_usage_error(string[] flow, string message)
    {
        // Act
        (int exitCode, _, string error) = new FakeReflectClient().Run(
            ["entries", "add", "10.50.0.100", "--local", "192.168.50.10", "--iface", "lo", "--lladdr", "02:00:00:00:00:02", .. flow]);

        // Assert
        exitCode.Should().Be(2);
        error.Should().Contain($"reflectctl: {message}\n");
    }

    [Theory]
    [InlineData("02:00:00:00:00", "'02:00:00:00:00' is not a MAC address: six hex bytes, e.g. 02:00:00:00:00:02")]
    [InlineData("02:00:00:00:00:zz", "'02:00:00:00:00:zz' is not a MAC address: six hex bytes, e.g. 02:00:00:00:00:02")]
    [InlineData("0200.0000.0002", "'0200.0000.0002' is not a MAC address: six hex bytes, e.g. 02:00:00:00:00:02")]
    public void A_malformed_next_hop_is_a_usage_error(string lladdr, string message)
    {
        // Act
        (int exitCode, _, string error) = new FakeReflectClient().Run(
            "entries", "add", "10.50.0.100", "--local", "192.168.50.10", "--iface", "lo", "--lladdr", lladdr);

        // Assert
        exitCode.Should().Be(2);
        error.Should().StartWith($"reflectctl: {message}\n");
    }

    [Fact]
    public void Entries_add_without_its_interface_and_next_hop_names_what_is_missing()
    {
        // Act
        (int exitCode, _, string error) = new FakeReflectClient().Run("entries", "add", "10.50.0.100", "--local", "192.168.50.10");

        // Assert
        exitCode.Should().Be(2);
        error.Should().Contain("--iface").And.Contain("--lladdr");
    }

    [Fact]
    public void A_peer_and_local_address_of_two_families_are_refused_before_the_kernel_is_asked()
    {
        // Arrange
        var client = new FakeReflectClient();

        // Act
        (int exitCode, _, string error) = client.Run("entries", "del", "fd51::100", "--local", "192.168.50.10");

        // Assert
        exitCode.Should().Be(2);
        error.Should().Be("reflectctl: the peer fd51::100 and the local address 192.168.50.10 are of different families\n");
        client.Calls.Should().BeEmpty();
    }

    [Fact]
    public void Adding_an_entry_whose_key_exists_exits_5_with_the_kernels_message()
    {
        // Arrange
        var client = new FakeReflectClient();
        string[] add = ["entries", "add", "10.50.0.100", "--local", "192.168.50.10", "--iface", "lo", "--lladdr", "02:00:00:00:00:02"];
        client.Run(add);

        // Act
        (int exitCode, _, string error) = client.Run(add);

        // Assert
        exitCode.Should().Be(5);
        error.Should().Be("reflectctl: the kernel refused the request: an entry of this key exists\n");
    }

    [Fact]
    public void Entries_del_sends_the_key_and_an_absent_one_exits_5()
    {
        // Arrange
        var client = new FakeReflectClient();
        client.Run("entries", "add", "10.50.0.100", "--local", "192.168.50.10", "--iface", "lo", "--lladdr", "02:00:00:00:00:02");

        // Act
        (int deleted, _, _) = client.Run("entries", "del", "10.50.0.100", "--local", "192.168.50.10");
        (int again, _, string error) = client.Run("entries", "del", "10.50.0.100", "--local", "192.168.50.10");

        // Assert
        deleted.Should().Be(0);
        again.Should().Be(5);
        error.Should().Be("reflectctl: the kernel refused the request: no entry of this key\n");
        client.Calls.Where(call => call.Method == "DeleteEntry").Should().AllBeEquivalentTo(new ClientCall("DeleteEntry", PeerKey));
    }

    [Fact]
    public void Entries_list_passes_the_peer_prefix_and_static_filters()
    {
        // Arrange
        var client = new FakeReflectClient();

        // Act
        (int exitCode, _, _) = client.Run("entries", "list", "--peer", "10.50.0.0/24", "--static", "--json");

        // Assert
        exitCode.Should().Be(0);
        client.Calls.Should().Equal(new ClientCall("GetEntries",
            new ReflectEntryFilter { Peer = IPNetwork.Parse("10.50.0.0/24"), StaticOnly = true }));
    }

    [Theory]
    [InlineData("10.50.0.100", "10.50.0.100/32")]
    [InlineData("fd51::100", "fd51::100/128")]
    public void A_peer_filter_of_an_address_alone_is_its_whole_length(string peer, string prefix)
    {
        // Arrange
        var client = new FakeReflectClient();

        // Act
        client.Run("entries", "flush", "--peer", peer);

        // Assert
        client.Calls.Should().Equal(new ClientCall("Flush", new ReflectEntryFilter { Peer = IPNetwork.Parse(prefix) }));
    }

    [Theory]
    [InlineData("10.50.0.1/24", "'10.50.0.1/24': the host bits, those after the first 24, must be zero (the prefix is 10.50.0.0/24)")]
    [InlineData("peer1", "'peer1' is neither an address nor a prefix: e.g. 10.50.0.100, 10.50.0.0/24 or fd51::/64")]
    public void A_malformed_peer_filter_is_a_usage_error(string peer, string message)
    {
        // Act
        (int exitCode, _, string error) = new FakeReflectClient().Run("entries", "list", "--peer", peer);

        // Assert
        exitCode.Should().Be(2);
        error.Should().StartWith($"reflectctl: {message}\n");
    }

    [Fact]
    public void Entries_flush_with_static_drops_only_the_static_entries()
    {
        // Arrange
        var client = new FakeReflectClient();
        client.Run("entries", "add", "10.50.0.100", "--local", "192.168.50.10", "--iface", "lo", "--lladdr", "02:00:00:00:00:02", "--static");
        client.Run("entries", "add", "10.50.0.101", "--local", "192.168.50.10", "--iface", "lo", "--lladdr", "02:00:00:00:00:02");

        // Act
        (int exitCode, _, _) = client.Run("entries", "flush", "--static", "--local", "192.168.50.10");

        // Assert
        exitCode.Should().Be(0);
        client.Calls[^1].Should().Be(new ClientCall("Flush", new ReflectEntryFilter { Local = IPAddress.Parse("192.168.50.10"), StaticOnly = true }));
        client.Table.Select(entry => entry.Peer.ToString()).Should().Equal("10.50.0.101");
    }
}
