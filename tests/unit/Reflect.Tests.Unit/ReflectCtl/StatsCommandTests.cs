// SPDX-License-Identifier: MIT
using System.Net;
using Reflect.Netlink;
using Reflect.Tests.Unit.Netlink;

namespace Reflect.Tests.Unit.ReflectCtl;

public sealed class StatsCommandTests
{
    private static readonly ReflectCounters Eth0 = Samples.Counters((ReflectCounter.Learned, 4));
    private static readonly ReflectCounters Vip = Samples.Counters((ReflectCounter.Skipped, 9));

    private static FakeReflectClient Client() => new()
    {
        Status = new("0.1.0", Samples.EveryCounter, Samples.Config),
        Interfaces = new([new ReflectInterface(2, "eth0", Eth0), new ReflectInterface(3, "eth1", ReflectCounters.Zero)], false),
        Locals = new([new ReflectLocal(IPAddress.Parse("192.168.50.10"), Vip)], false),
    };

    [Fact]
    public void Stats_without_a_filter_shows_every_global_counter()
    {
        // Arrange
        FakeReflectClient client = Client();

        // Act
        (int exitCode, string output, _) = client.Run("stats", "--json");

        // Assert
        exitCode.Should().Be(0);
        output.Should().StartWith("""{"counters":{"pre_ipv4":20,"pre_ipv6":30,""")
            .And.EndWith("\"expired\":250,\"entries\":18446744073709551615,\"fb_no_neigh\":270,\"untrusted\":280,\"fb_untrusted\":290,\"fb_outbound\":300}}\n");
        client.Calls.Should().Equal(new ClientCall("GetStatus"));
    }

    [Theory]
    [InlineData("eth0")]
    [InlineData("2")]
    public void Stats_of_an_interface_picks_it_from_the_interface_dump_by_name_or_index(string iface)
    {
        // Arrange
        FakeReflectClient client = Client();

        // Act
        (int exitCode, string output, _) = client.Run("stats", "--iface", iface, "--json");

        // Assert
        exitCode.Should().Be(0);
        output.Should().StartWith("""{"iface":"eth0","ifindex":2,"counters":{"pre_ipv4":0,""").And.Contain("\"learned\":4,");
        client.Calls.Should().Equal(new ClientCall("GetInterfaces"));
    }

    [Fact]
    public void Stats_of_an_interface_reflect_does_not_learn_on_fails_with_exit_1()
    {
        // Act
        (int exitCode, string output, string error) = Client().Run("stats", "--iface", "eth9");

        // Assert
        exitCode.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Be("reflectctl: eth9 is not an interface reflect.ko learns on (see 'reflectctl iface list')\n");
    }

    [Fact]
    public void Stats_of_a_local_address_picks_it_from_the_local_address_dump()
    {
        // Arrange
        FakeReflectClient client = Client();

        // Act
        (int exitCode, string output, _) = client.Run("stats", "--local", "192.168.50.10", "--json");

        // Assert
        exitCode.Should().Be(0);
        output.Should().StartWith("""{"local":"192.168.50.10","counters":{""").And.Contain("\"skipped\":9,");
        client.Calls.Should().Equal(new ClientCall("GetLocals"));
    }

    [Fact]
    public void Stats_of_a_local_address_never_seen_are_all_zero()
    {
        // Act
        (int exitCode, string output, _) = Client().Run("stats", "--local", "fd50::99");

        // Assert
        exitCode.Should().Be(0);
        string[] lines = output.TrimEnd('\n').Split('\n');
        lines[0].Should().Be("local fd50::99");
        lines.Skip(1).Should().HaveCount(ReflectCounters.All.Count).And.OnlyContain(line => line.EndsWith(" 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Stats_filtered_by_interface_and_local_address_at_once_is_a_usage_error()
    {
        // Arrange
        FakeReflectClient client = Client();

        // Act
        (int exitCode, _, string error) = client.Run("stats", "--iface", "eth0", "--local", "192.168.50.10");

        // Assert
        exitCode.Should().Be(2);
        error.Should().StartWith("reflectctl: stats: --iface and --local cannot be combined\n");
        client.Calls.Should().BeEmpty();
    }
}
