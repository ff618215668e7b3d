// SPDX-License-Identifier: MIT
using Reflect.Netlink;
using ReflectCtl.Commands;

namespace Reflect.Tests.Unit.ReflectCtl;

public sealed class StatusCommandTests
{
    private static readonly ReflectStatus Status = new("1.0.0", new ReflectCounters(12, 3, 0, 18446744073709551615));

    [Fact]
    public void Status_json_has_stable_snake_case_field_names()
    {
        // Act
        string json = StatusCommand.FormatJson(Status);

        // Assert
        json.Should().Be("""{"version":"1.0.0","counters":{"pre_ipv4":12,"pre_ipv6":3,"out_ipv4":0,"out_ipv6":18446744073709551615}}""");
    }

    [Fact]
    public void Status_table_right_aligns_counters_under_IPv4_and_IPv6()
    {
        // Act
        string table = StatusCommand.FormatTable(Status);

        // Assert
        table.Split('\n').Should().Equal(
            "version  1.0.0",
            "",
            "                            IPv4                  IPv6",
            "PREROUTING                    12                     3",
            "LOCAL_OUT                      0  18446744073709551615");
    }
}
