// SPDX-License-Identifier: MIT
using Reflect.Netlink;
using Reflect.Netlink.GenericNetlink;
using Reflect.Netlink.Protocol;
using Reflect.Netlink.ReflectFamily;
using Reflect.Netlink.Transport;
using static Reflect.Netlink.Protocol.GenericNetlinkUapi;
using static Reflect.Netlink.Protocol.NetlinkUapi;

namespace Reflect.Tests.Unit.Netlink;

/// <summary>
/// The transport against the host's real kernel, through nlctrl, which every kernel with
/// generic netlink registers. REFLECT is never loaded on a build host, so its lookup fails.
/// </summary>
public sealed class KernelSocketTests : IDisposable
{
    private readonly NetlinkSocket _socket = NetlinkSocket.OpenGeneric(TimeSpan.FromSeconds(5));

    public void Dispose() => _socket.Dispose();

    [Fact]
    public void Resolving_nlctrl_through_the_kernel_returns_GENL_ID_CTRL()
    {
        // Act
        ushort id = GenericNetlinkFamilies.Resolve(_socket, GENL_CTRL_NAME).Id;

        // Assert
        id.Should().Be(GENL_ID_CTRL);
        _socket.PortId.Should().NotBe(0u);
    }

    [Fact]
    public void Resolving_REFLECT_on_a_host_without_the_module_throws_family_not_registered()
    {
        // Act
        Action act = () => GenericNetlinkFamilies.Resolve(_socket, ReflectUapi.REFLECT_GENL_NAME);

        // Assert
        act.Should().Throw<GenericNetlinkFamilyNotFoundException>()
            .Where(e => e.FamilyName == "REFLECT" && e.Errno == 2)
            .WithMessage("generic netlink family \"REFLECT\" is not registered");
    }

    [Fact]
    public void A_request_the_kernel_refuses_raises_NetlinkException_with_its_errno()
    {
        // Arrange: CTRL_CMD_GETFAMILY names no family.
        byte[] request = Wire.Write((ref NetlinkMessageWriter w) =>
        {
            w.BeginMessage(GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, _socket.NextSequence());
            w.WriteGenericHeader(CTRL_CMD_GETFAMILY, GENL_CTRL_VERSION);
            w.EndMessage();
        });

        // Act
        Action act = () => _socket.Transact(request);

        // Assert
        act.Should().Throw<NetlinkException>().Which.Errno.Should().Be(22);
    }

    [Fact]
    public void The_socket_keeps_working_after_a_refusal()
    {
        // Arrange
        Action refused = () => GenericNetlinkFamilies.Resolve(_socket, ReflectUapi.REFLECT_GENL_NAME);
        refused.Should().Throw<GenericNetlinkFamilyNotFoundException>();

        // Act
        ushort id = GenericNetlinkFamilies.Resolve(_socket, GENL_CTRL_NAME).Id;

        // Assert
        id.Should().Be(GENL_ID_CTRL);
    }

    [Fact]
    public void The_nlctrl_notify_group_is_resolved_through_the_kernel_and_can_be_joined()
    {
        // Arrange: every kernel's nlctrl has the multicast group "notify", id GENL_ID_CTRL.
        uint group = GenericNetlinkFamilies.Resolve(_socket, GENL_CTRL_NAME).MulticastGroup("notify");
        using NetlinkSocket listener = NetlinkSocket.OpenGeneric(TimeSpan.FromMilliseconds(20));

        // Act: joining needs no privilege; with no family registered meanwhile, nothing arrives.
        listener.JoinGroup(group);
        List<ReflectNotification> read = ReflectEventReader.Read(listener, GENL_ID_CTRL, TimeSpan.FromMilliseconds(60), default).ToList();

        // Assert
        group.Should().Be(GENL_ID_CTRL);
        read.Should().BeEmpty();
    }

    [Fact]
    public void Joining_a_group_the_kernel_does_not_have_fails_with_its_errno()
    {
        // Arrange
        using NetlinkSocket listener = NetlinkSocket.OpenGeneric(TimeSpan.FromMilliseconds(20));

        // Act: generic netlink refuses group ids no family registered.
        Action act = () => listener.JoinGroup(0xffff);

        // Assert
        act.Should().Throw<NetlinkException>().WithMessage("setsockopt(NETLINK_ADD_MEMBERSHIP, 65535) failed: *");
    }
}
