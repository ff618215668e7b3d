// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.NetworkInformation;
using Reflect.Netlink;

namespace Reflect.Tests.Unit.ReflectCtl;

public sealed class NextHopCommandTests
{
    [Theory]
    [InlineData("add", "192.168.50.2", "AddNextHop")]
    [InlineData("add", "fe80::1", "AddNextHop")]
    [InlineData("del", "fd50::2", "DeleteNextHop")]
    public void Nexthop_add_and_del_by_address_send_the_interface_index_and_address(string verb, string address, string method)
    {
        // Arrange
        var client = new FakeReflectClient();

        // Act: the loopback device has index 1 in every namespace.
        (int exitCode, _, string error) = client.Run("nexthop", verb, "lo", address);

        // Assert
        exitCode.Should().Be(0);
        error.Should().BeEmpty();
        client.Calls.Should().Equal(new ClientCall(method, ReflectNextHop.ByAddress(1, IPAddress.Parse(address))));
    }

    [Fact]
    public void Nexthop_add_by_MAC_address_names_the_router_by_its_MAC()
    {
        // Arrange
        var client = new FakeReflectClient();

        // Act
        (int exitCode, _, _) = client.Run("nexthop", "add", "1", "02:00:00:00:00:02");

        // Assert
        exitCode.Should().Be(0);
        client.Calls.Should().Equal(new ClientCall("AddNextHop",
            ReflectNextHop.ByLinkLayerAddress(1, PhysicalAddress.Parse("02-00-00-00-00-02"))));
    }

    [Theory]
    [InlineData("01:00:5e:00:00:01", "'01:00:5e:00:00:01' is not a unicast MAC address")]
    [InlineData("router2", "'router2' is neither an address (192.168.50.2, fd50::2) nor a MAC address (02:00:00:00:00:02)")]
    public void A_next_hop_that_is_neither_an_address_nor_a_unicast_MAC_is_a_usage_error(string nextHop, string message)
    {
        // Arrange
        var client = new FakeReflectClient();

        // Act
        (int exitCode, _, string error) = client.Run("nexthop", "add", "lo", nextHop);

        // Assert
        exitCode.Should().Be(2);
        error.Should().StartWith($"reflectctl: {message}\n");
        client.Calls.Should().BeEmpty();
    }

    [Fact]
    public void Nexthop_list_json_has_each_next_hop_with_its_interface()
    {
        // Arrange
        var client = new FakeReflectClient
        {
            NextHops = new(
            [
                ReflectNextHop.ByAddress(1, IPAddress.Parse("192.168.50.2")),
                ReflectNextHop.ByLinkLayerAddress(1, PhysicalAddress.Parse("02-00-00-00-00-02")),
            ], false),
        };

        // Act
        (int exitCode, string output, _) = client.Run("nexthop", "list", "--json");

        // Assert
        exitCode.Should().Be(0);
        output.Should().Be("""
            {"nexthops":[{"ifindex":1,"iface":"lo","address":"192.168.50.2","lladdr":null},{"ifindex":1,"iface":"lo","address":null,"lladdr":"02:00:00:00:00:02"}]}

            """);
    }
}
