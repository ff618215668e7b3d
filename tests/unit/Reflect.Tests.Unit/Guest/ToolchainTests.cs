// SPDX-License-Identifier: MIT
using Reflect.Guest.Kernels;

namespace Reflect.Tests.Unit.Guest;

public sealed class ToolchainTests
{
    private const string BookwormGlibc = "2.36-9+deb12u14";

    [Fact]
    public void A_kernel_asking_for_an_older_gcc_builds_with_the_hosts_newer_one()
    {
        var toolchain = Toolchain.Choose(10, "2.14", "bullseye-security", BookwormGlibc, [12]);

        toolchain.Should().Be(new Toolchain("gcc-12", null));
    }

    [Fact]
    public void A_kernel_asking_for_the_hosts_gcc_builds_on_the_host()
    {
        Toolchain.Choose(12, null, "bookworm-security", BookwormGlibc, [11, 12]).Should().Be(new Toolchain("gcc-12", null));
    }

    [Fact]
    public void A_kernel_whose_kbuild_needs_a_newer_glibc_builds_in_its_suites_chroot()
    {
        var toolchain = Toolchain.Choose(16, "2.38", "sid", BookwormGlibc, [12]);

        toolchain.Should().Be(new Toolchain("gcc-16", "sid"));
        toolchain.InChroot.Should().BeTrue();
    }

    [Fact]
    public void A_kernel_asking_for_a_newer_gcc_than_the_host_has_builds_in_a_chroot_even_when_glibc_fits()
    {
        Toolchain.Choose(14, "2.14", "trixie", BookwormGlibc, [12]).ChrootSuite.Should().Be("trixie");
    }

    [Theory]
    [InlineData("linux-compiler-gcc-10-x86", 10)]
    [InlineData("gcc-12", 12)]
    [InlineData("gcc-16-for-host", 16)]
    public void The_required_gcc_is_read_from_the_headers_dependencies(string dependency, int expected)
    {
        Toolchain.RequiredGcc(["linux-base", "linux-kbuild-6.1", dependency]).Should().Be(expected);
    }
}
