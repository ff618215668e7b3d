// SPDX-License-Identifier: MIT
using Reflect.Netlink;
using Reflect.Tests.Unit.Netlink;
using static Reflect.Tests.Unit.ReflectCtl.JsonLines;

namespace Reflect.Tests.Unit.ReflectCtl;

public sealed class IfaceCommandTests
{
    [Theory]
    [InlineData("add", "2", "AddInterface")]
    [InlineData("del", "17", "DeleteInterface")]
    public void An_all_digit_argument_names_the_interface_by_index(string verb, string argument, string method)
    {
        // Arrange
        var client = new FakeReflectClient();

        // Act
        (int exitCode, _, _) = client.Run("iface", verb, argument);

        // Assert
        exitCode.Should().Be(0);
        client.Calls.Should().Equal(new ClientCall(method, ReflectInterfaceId.ByIndex(int.Parse(argument, System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Theory]
    [InlineData("add", "eth0", "AddInterface")]
    [InlineData("del", "bond0.100", "DeleteInterface")]
    [InlineData("add", "2eth", "AddInterface")]
    public void Any_other_argument_names_the_interface_by_name(string verb, string argument, string method)
    {
        // Arrange
        var client = new FakeReflectClient();

        // Act
        (int exitCode, _, _) = client.Run("iface", verb, argument);

        // Assert
        exitCode.Should().Be(0);
        client.Calls.Should().Equal(new ClientCall(method, ReflectInterfaceId.ByName(argument)));
    }

    [Theory]
    [InlineData("0", "'0' is not an interface index: 1 to 2147483647")]
    [InlineData("2147483648", "'2147483648' is not an interface index: 1 to 2147483647")]
    [InlineData("a-name-too-long-for-linux", "'a-name-too-long-for-linux' is not an interface name: 1 to 15 bytes")]
    public void An_interface_the_kernel_cannot_have_is_a_usage_error(string argument, string message)
    {
        // Arrange
        var client = new FakeReflectClient();

        // Act
        (int exitCode, _, string error) = client.Run("iface", "add", argument);

        // Assert
        exitCode.Should().Be(2);
        error.Should().StartWith($"reflectctl: {message}\n");
        client.Calls.Should().BeEmpty();
    }

    [Fact]
    public void Iface_list_json_has_each_interface_with_index_name_and_counters()
    {
        // Arrange
        var client = new FakeReflectClient
        {
            Interfaces = new([new ReflectInterface(2, "eth0", Samples.Counters((ReflectCounter.Learned, 4), (ReflectCounter.Moved, 1)))], false),
        };

        // Act
        (int exitCode, string output, _) = client.Run("iface", "list", "--json");

        // Assert
        exitCode.Should().Be(0);
        output.Should().Be(
            OneLine(
                """
                {"interfaces":[{"ifindex":2,"name":"eth0","counters":{"pre_ipv4":0,"pre_ipv6":0,"out_ipv4":0,"out_ipv6":0,
                "learned":4,"refreshed":0,"moved":1,"flaps":0,"held":0,"skipped":0,"reflected_packets":0,"reflected_bytes":0,
                "miss":0,"fb_disabled":0,"fb_stale":0,"fb_dev_gone":0,"fb_dev_down":0,"fb_no_carrier":0,"fb_mtu":0,
                "fb_retrans":0,"fb_dst_type":0,"table_full":0,"evicted":0,"expired":0,"entries":0,"fb_no_neigh":0,"untrusted":0,"fb_untrusted":0,"fb_outbound":0}}]}
                """));
    }

    [Fact]
    public void Iface_list_text_is_a_table_of_the_interfaces()
    {
        // Arrange
        var client = new FakeReflectClient
        {
            Interfaces = new(
            [
                new ReflectInterface(2, "eth0", Samples.Counters((ReflectCounter.Learned, 12), (ReflectCounter.ReflectedBytes, 4200))),
                new ReflectInterface(10, "bond0.100", ReflectCounters.Zero),
            ], false),
        };

        // Act
        (_, string output, _) = client.Run("iface", "list");

        // Assert
        output.Split('\n').Should().Equal(
            "IFINDEX  NAME       LEARNED  MOVED  FLAPS  REFLECTED_PACKETS  REFLECTED_BYTES",
            "      2  eth0            12      0      0                  0             4200",
            "     10  bond0.100        0      0      0                  0                0",
            "");
    }

    [Fact]
    public void An_empty_iface_list_is_an_empty_json_array()
    {
        // Act
        (int exitCode, string output, _) = new FakeReflectClient().Run("iface", "list", "--json");

        // Assert
        exitCode.Should().Be(0);
        output.Should().Be("{\"interfaces\":[]}\n");
    }
}
