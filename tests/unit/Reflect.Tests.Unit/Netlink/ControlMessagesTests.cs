// SPDX-License-Identifier: MIT
using Reflect.Netlink;
using Reflect.Netlink.GenericNetlink;
using Reflect.Netlink.Protocol;
using static Reflect.Netlink.Protocol.GenericNetlinkUapi;
using static Reflect.Netlink.Protocol.NetlinkUapi;

namespace Reflect.Tests.Unit.Netlink;

public sealed class ControlMessagesTests
{
    [Fact]
    public void The_getfamily_request_asks_nlctrl_for_the_family_by_name()
    {
        // Arrange
        byte[] bytes = Wire.Write((ref NetlinkMessageWriter w) => ControlMessages.WriteGetFamily(ref w, sequence: 5, "REFLECT"));

        // Act
        MessageValue message = Wire.ReadMessages(bytes).Single();
        (GenericNetlinkHeader header, List<AttributeValue> attributes) = Wire.ReadGeneric(message.Payload);

        // Assert
        message.Header.Should().Be(new NetlinkHeader((uint)bytes.Length, GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, 5, 0));
        header.Should().Be(new GenericNetlinkHeader(CTRL_CMD_GETFAMILY, GENL_CTRL_VERSION));
        attributes.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new AttributeValue(CTRL_ATTR_FAMILY_NAME, false, "REFLECT\0"u8.ToArray()));
    }

    [Fact]
    public void The_family_id_is_read_from_a_getfamily_reply_among_attributes_it_ignores()
    {
        // Arrange: the reply as ctrl_fill_info() lays it out.
        byte[] bytes = Wire.Write((ref NetlinkMessageWriter w) =>
        {
            w.BeginMessage(GENL_ID_CTRL, 0, 5, KernelReplies.PortId);
            w.WriteGenericHeader(CTRL_CMD_NEWFAMILY, GENL_CTRL_VERSION);
            w.WriteString(CTRL_ATTR_FAMILY_NAME, "REFLECT");
            w.WriteU16(CTRL_ATTR_FAMILY_ID, 0x1f);
            w.WriteU32(3, 1);
            int ops = w.BeginNested(6);
            int op = w.BeginNested(1);
            w.WriteU32(1, 1);
            w.EndNested(op);
            w.EndNested(ops);
            w.EndMessage();
        });
        var collector = new NetlinkReplyCollector(5);
        collector.Add(bytes);

        // Act
        ushort familyId = ControlMessages.ReadFamily(collector.Replies, "REFLECT").Id;

        // Assert
        familyId.Should().Be(0x1f);
    }

    [Fact]
    public void A_getfamily_reply_without_a_family_id_is_rejected()
    {
        // Arrange
        byte[] bytes = Wire.Write((ref NetlinkMessageWriter w) =>
        {
            w.BeginMessage(GENL_ID_CTRL, 0, 5, KernelReplies.PortId);
            w.WriteGenericHeader(CTRL_CMD_NEWFAMILY, GENL_CTRL_VERSION);
            w.WriteString(CTRL_ATTR_FAMILY_NAME, "REFLECT");
            w.EndMessage();
        });
        var collector = new NetlinkReplyCollector(5);
        collector.Add(bytes);

        // Act
        Action act = () => ControlMessages.ReadFamily(collector.Replies, "REFLECT");

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage("CTRL_CMD_GETFAMILY: reply lacks CTRL_ATTR_FAMILY_ID");
    }

    [Fact]
    public void The_multicast_groups_are_read_by_name_from_CTRL_ATTR_MCAST_GROUPS()
    {
        // Arrange: two groups, each a nest typed by its position, as ctrl_fill_info() writes them.
        var collector = new NetlinkReplyCollector(5);
        collector.Add(Wire.Write((ref NetlinkMessageWriter w) =>
        {
            w.BeginMessage(GENL_ID_CTRL, 0, 5, KernelReplies.PortId);
            w.WriteGenericHeader(CTRL_CMD_NEWFAMILY, GENL_CTRL_VERSION);
            w.WriteU16(CTRL_ATTR_FAMILY_ID, 0x1f);
            int groups = w.BeginNested(CTRL_ATTR_MCAST_GROUPS);
            WriteGroup(ref w, 1, "config", 11);
            WriteGroup(ref w, 2, "events", 12);
            w.EndNested(groups);
            w.EndMessage();
        }));

        // Act
        GenericNetlinkFamily family = ControlMessages.ReadFamily(collector.Replies, "REFLECT");

        // Assert
        family.MulticastGroups.Should().BeEquivalentTo(new Dictionary<string, uint> { ["config"] = 11, ["events"] = 12 });
        family.MulticastGroup("events").Should().Be(12u);
    }

    [Fact]
    public void A_family_without_the_group_asked_for_is_reported_by_name()
    {
        // Arrange
        var family = new GenericNetlinkFamily("REFLECT", 0x1f, new Dictionary<string, uint>());

        // Act
        Action act = () => family.MulticastGroup("events");

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage("generic netlink family \"REFLECT\" has no multicast group \"events\"");
    }

    [Fact]
    public void A_multicast_group_without_its_id_is_rejected()
    {
        // Arrange
        var collector = new NetlinkReplyCollector(5);
        collector.Add(Wire.Write((ref NetlinkMessageWriter w) =>
        {
            w.BeginMessage(GENL_ID_CTRL, 0, 5, KernelReplies.PortId);
            w.WriteGenericHeader(CTRL_CMD_NEWFAMILY, GENL_CTRL_VERSION);
            w.WriteU16(CTRL_ATTR_FAMILY_ID, 0x1f);
            int groups = w.BeginNested(CTRL_ATTR_MCAST_GROUPS);
            int group = w.BeginNested(1);
            w.WriteString(CTRL_ATTR_MCAST_GRP_NAME, "events");
            w.EndNested(group);
            w.EndNested(groups);
            w.EndMessage();
        }));

        // Act
        Action act = () => ControlMessages.ReadFamily(collector.Replies, "REFLECT");

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage("CTRL_CMD_GETFAMILY: multicast group 1 lacks CTRL_ATTR_MCAST_GRP_ID");
    }

    private static void WriteGroup(ref NetlinkMessageWriter w, ushort position, string name, uint id)
    {
        int group = w.BeginNested(position);
        w.WriteU32(CTRL_ATTR_MCAST_GRP_ID, id);
        w.WriteString(CTRL_ATTR_MCAST_GRP_NAME, name);
        w.EndNested(group);
    }
}
