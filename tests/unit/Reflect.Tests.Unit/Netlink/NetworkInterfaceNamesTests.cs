// SPDX-License-Identifier: MIT
using Reflect.Netlink;

namespace Reflect.Tests.Unit.Netlink;

/// <summary>if_indextoname(3) and if_nametoindex(3) on this host, where the loopback is index 1 in every network namespace.</summary>
public sealed class NetworkInterfaceNamesTests
{
    [Fact]
    public void The_loopback_is_found_by_index_and_by_name()
    {
        // Act
        string? name = NetworkInterfaceNames.NameOf(1);
        int? index = NetworkInterfaceNames.IndexOf("lo");

        // Assert
        name.Should().Be("lo");
        index.Should().Be(1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(999999)]
    public void An_index_no_interface_has_has_no_name(int ifIndex)
    {
        // Act
        string? name = NetworkInterfaceNames.NameOf(ifIndex);

        // Assert
        name.Should().BeNull();
    }

    [Theory]
    [InlineData("nosuch0")]
    [InlineData("")]
    [InlineData("lo\0")]
    public void A_name_no_interface_has_has_no_index(string name)
    {
        // Act
        int? index = NetworkInterfaceNames.IndexOf(name);

        // Assert
        index.Should().BeNull();
    }
}
