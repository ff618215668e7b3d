// SPDX-License-Identifier: MIT
using Reflect.Netlink;

namespace Reflect.Tests.Unit.ReflectCtl;

/// <summary>The exit codes scripts tell failures apart by.</summary>
public sealed class FailureTests
{
    [Fact]
    public void Without_the_module_reflectctl_exits_3_saying_how_to_load_it()
    {
        // Arrange
        var output = new StringWriter();
        var error = new StringWriter();
        var notRegistered = new GenericNetlinkFamilyNotFoundException("REFLECT", NetlinkException.FromErrno("netlink request", 2));

        // Act
        int exitCode = global::ReflectCtl.Cli.Run(["status"], () => throw notRegistered, TextReader.Null, output, error);

        // Assert
        exitCode.Should().Be(3);
        error.ToString().Should().Be(
            "reflectctl: the reflect module is not loaded (no generic netlink family \"REFLECT\"); load it with 'modprobe reflect' or 'insmod reflect.ko'\n");
    }

    [Fact]
    public void EPERM_from_the_kernel_exits_4_naming_CAP_NET_ADMIN()
    {
        // Arrange
        var client = new FakeReflectClient { Failure = NetlinkException.FromErrno("netlink request", 1) };

        // Act
        (int exitCode, _, string error) = client.Run("iface", "add", "eth0");

        // Assert
        exitCode.Should().Be(4);
        error.Should().StartWith("reflectctl: permission denied: this needs CAP_NET_ADMIN");
    }

    [Fact]
    public void A_kernel_refusal_exits_5_with_its_extended_ack_message_verbatim()
    {
        // Arrange
        var client = new FakeReflectClient
        {
            Failure = NetlinkException.FromErrno("netlink request", 34, "idle_timeout must be 1..86400", 24),
        };

        // Act
        (int exitCode, _, string error) = client.Run("config", "set", "idle_timeout=0");

        // Assert
        exitCode.Should().Be(5);
        error.Should().Be("reflectctl: the kernel refused the request: idle_timeout must be 1..86400\n");
    }

    [Fact]
    public void A_malformed_reply_exits_1()
    {
        // Arrange
        var client = new FakeReflectClient { Failure = new NetlinkFormatException("REFLECT_CMD_GET_IFACE: reply lacks REFLECT_A_IFNAME") };

        // Act
        (int exitCode, _, string error) = client.Run("iface", "list");

        // Assert
        exitCode.Should().Be(1);
        error.Should().Be("reflectctl: malformed reply from the kernel: REFLECT_CMD_GET_IFACE: reply lacks REFLECT_A_IFNAME\n");
    }
}
