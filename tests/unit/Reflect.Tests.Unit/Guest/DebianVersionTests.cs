// SPDX-License-Identifier: MIT
using Reflect.Guest.Kernels;

namespace Reflect.Tests.Unit.Guest;

public sealed class DebianVersionTests
{
    [Theory]
    [InlineData("6.1.192-2", "6.1.192-1", 1)]
    [InlineData("5.10.262-1", "5.10.259-1", 1)]
    [InlineData("5.10.262-1", "5.10.262-1", 0)]
    [InlineData("6.12.117-1~deb12u1", "6.12.117-1", -1)]
    [InlineData("1.0~rc1", "1.0", -1)]
    [InlineData("1:1.0", "2.0", 1)]
    [InlineData("2.36-9+deb12u14", "2.38", -1)]
    [InlineData("2.41-6", "2.38", 1)]
    [InlineData("1.0a", "1.0+", -1)]
    [InlineData("10", "9", 1)]
    [InlineData("1.01", "1.1", 0)]
    public void Versions_compare_as_dpkg_compares_them(string left, string right, int expected)
    {
        DebianVersion.Compare(left, right).Should().Be(expected);
        DebianVersion.Compare(right, left).Should().Be(-expected);
    }
}
