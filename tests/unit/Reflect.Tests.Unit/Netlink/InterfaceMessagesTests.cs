// SPDX-License-Identifier: MIT
using Reflect.Netlink;
using Reflect.Netlink.Protocol;
using Reflect.Netlink.ReflectFamily;
using static Reflect.Netlink.Protocol.NetlinkUapi;
using static Reflect.Netlink.ReflectUapi;
using static Reflect.Tests.Unit.Netlink.ReflectWire;

namespace Reflect.Tests.Unit.Netlink;

/// <summary>REFLECT_CMD_ADD_IFACE, REFLECT_CMD_DEL_IFACE and REFLECT_CMD_GET_IFACE.</summary>
public sealed class InterfaceMessagesTests
{
    [Fact]
    public void An_interface_chosen_by_index_is_sent_as_REFLECT_A_IFINDEX_alone()
    {
        // Act
        ReflectRequest request = Request((ref NetlinkMessageWriter w) =>
            InterfaceMessages.WriteChange(ref w, FamilyId, Sequence, REFLECT_CMD_ADD_IFACE, ReflectInterfaceId.ByIndex(7)));

        // Assert
        request.Header.Flags.Should().Be(NLM_F_REQUEST | NLM_F_ACK);
        request.Generic.Command.Should().Be(REFLECT_CMD_ADD_IFACE);
        request.Attributes.Should().BeEquivalentTo([new AttributeValue(REFLECT_A_IFINDEX, false, Wire.Raw(7u))]);
    }

    [Fact]
    public void An_interface_chosen_by_name_is_sent_as_REFLECT_A_IFNAME_alone()
    {
        // Act
        ReflectRequest request = Request((ref NetlinkMessageWriter w) =>
            InterfaceMessages.WriteChange(ref w, FamilyId, Sequence, REFLECT_CMD_DEL_IFACE, ReflectInterfaceId.ByName("eth0")));

        // Assert
        request.Generic.Command.Should().Be(REFLECT_CMD_DEL_IFACE);
        request.Attributes.Should().BeEquivalentTo([new AttributeValue(REFLECT_A_IFNAME, false, "eth0\0"u8.ToArray())]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sixteen-bytes-xx")]
    [InlineData("eth\00")]
    public void A_name_the_kernel_cannot_have_is_refused_before_it_is_sent(string name)
    {
        // Act
        Action act = () => ReflectInterfaceId.ByName(name);

        // Assert
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void The_interface_list_is_requested_as_a_dump_without_attributes()
    {
        // Act
        ReflectRequest request = Request((ref NetlinkMessageWriter w) => InterfaceMessages.WriteGetInterfaces(ref w, FamilyId, Sequence));

        // Assert
        request.Header.Should().Be(new NetlinkHeader(20, FamilyId, NLM_F_REQUEST | NLM_F_DUMP, Sequence, 0));
        request.Generic.Should().Be(new GenericNetlinkHeader(REFLECT_CMD_GET_IFACE, REFLECT_GENL_VERSION));
        request.Attributes.Should().BeEmpty();
    }

    [Fact]
    public void An_interface_dump_round_trips_with_each_interface_counters()
    {
        // Arrange
        ReflectCounters eth0 = Samples.Counters((ReflectCounter.Learned, 3), (ReflectCounter.ReflectedBytes, 1500));
        NetlinkAnswer answer = DumpAnswer((ref NetlinkMessageWriter w) =>
        {
            BeginReply(ref w, REFLECT_CMD_GET_IFACE, dumpPart: true);
            w.WriteU32(REFLECT_A_IFINDEX, 2);
            w.WriteString(REFLECT_A_IFNAME, "eth0");
            WriteStats(ref w, eth0);
            w.EndMessage();
            BeginReply(ref w, REFLECT_CMD_GET_IFACE, dumpPart: true);
            w.WriteU32(REFLECT_A_IFINDEX, 5);
            w.WriteString(REFLECT_A_IFNAME, "bond0.100");
            WriteStats(ref w, ReflectCounters.Zero);
            w.EndMessage();
        });

        // Act
        ReflectDump<ReflectInterface> dump = InterfaceMessages.ReadInterfaces(answer, FamilyId);

        // Assert
        dump.Interrupted.Should().BeFalse();
        dump.Items.Should().Equal(new ReflectInterface(2, "eth0", eth0), new ReflectInterface(5, "bond0.100", ReflectCounters.Zero));
    }

    [Fact]
    public void An_interface_part_without_its_name_is_rejected()
    {
        // Arrange
        NetlinkAnswer answer = DumpAnswer((ref NetlinkMessageWriter w) =>
        {
            BeginReply(ref w, REFLECT_CMD_GET_IFACE, dumpPart: true);
            w.WriteU32(REFLECT_A_IFINDEX, 2);
            WriteStats(ref w, ReflectCounters.Zero);
            w.EndMessage();
        });

        // Act
        Action act = () => InterfaceMessages.ReadInterfaces(answer, FamilyId);

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage("REFLECT_CMD_GET_IFACE: reply lacks REFLECT_A_IFNAME");
    }
}
