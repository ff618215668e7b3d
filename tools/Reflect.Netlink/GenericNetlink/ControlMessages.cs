// SPDX-License-Identifier: MIT
using Reflect.Netlink.Protocol;
using static Reflect.Netlink.Protocol.GenericNetlinkUapi;

namespace Reflect.Netlink.GenericNetlink;

/// <summary>Messages of nlctrl, the generic netlink family that names the others.</summary>
internal static class ControlMessages
{
    /*
        CTRL_CMD_GETFAMILY request
        nlmsghdr    nlmsg_type GENL_ID_CTRL, NLM_F_REQUEST | NLM_F_ACK, nlmsg_seq
        genlmsghdr  CTRL_CMD_GETFAMILY, version GENL_CTRL_VERSION
        nlattr      CTRL_ATTR_FAMILY_NAME   string, NUL-terminated
    */
    public static void WriteGetFamily(ref NetlinkMessageWriter writer, uint sequence, string familyName)
    {
        writer.BeginMessage(GENL_ID_CTRL, NetlinkUapi.NLM_F_REQUEST | NetlinkUapi.NLM_F_ACK, sequence);
        writer.WriteGenericHeader(CTRL_CMD_GETFAMILY, GENL_CTRL_VERSION);
        writer.WriteString(CTRL_ATTR_FAMILY_NAME, familyName);
        writer.EndMessage();
    }

    /*
        CTRL_CMD_GETFAMILY reply
        nlmsghdr    nlmsg_type GENL_ID_CTRL
        genlmsghdr  CTRL_CMD_NEWFAMILY
        nlattr      CTRL_ATTR_FAMILY_ID     u16
        nlattr      CTRL_ATTR_FAMILY_NAME   string; then version, ops, multicast groups: ignored
    */
    public static ushort ReadFamilyId(IReadOnlyList<NetlinkReply> replies)
    {
        NetlinkReply reply = NetlinkReply.Single(replies, GENL_ID_CTRL, "CTRL_CMD_GETFAMILY");
        GenericNetlinkHeader.Read(reply.Payload.Span, out ReadOnlySpan<byte> attributes);
        foreach (NetlinkAttribute attribute in new NetlinkAttributeReader(attributes))
        {
            if (attribute.Type == CTRL_ATTR_FAMILY_ID)
            {
                return attribute.GetU16();
            }
        }

        throw new NetlinkFormatException("CTRL_CMD_GETFAMILY: reply lacks CTRL_ATTR_FAMILY_ID");
    }
}
