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
        ushort familyId = ControlMessages.ReadFamilyId(collector.Replies);

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
        Action act = () => ControlMessages.ReadFamilyId(collector.Replies);

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage("CTRL_CMD_GETFAMILY: reply lacks CTRL_ATTR_FAMILY_ID");
    }
}
