// SPDX-License-Identifier: MIT
using Reflect.Netlink.Protocol;
using static Reflect.Netlink.Protocol.GenericNetlinkUapi;

namespace Reflect.Netlink.GenericNetlink;

/// <summary>A generic netlink family as nlctrl describes it: its message type and its multicast groups by name.</summary>
internal sealed record GenericNetlinkFamily(string Name, ushort Id, IReadOnlyDictionary<string, uint> MulticastGroups)
{
    /// <summary>The id to join for the group <paramref name="group"/>.</summary>
    /// <exception cref="NetlinkFormatException">The family has no such group (a module older than the contract).</exception>
    public uint MulticastGroup(string group) =>
        MulticastGroups.TryGetValue(group, out uint id) ? id
            : throw new NetlinkFormatException($"generic netlink family \"{Name}\" has no multicast group \"{group}\"");
}

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
        nlattr      CTRL_ATTR_FAMILY_ID              u16
        nlattr      CTRL_ATTR_FAMILY_NAME            string
        nlattr      CTRL_ATTR_MCAST_GROUPS           nest, only if the family has groups:
          nlattr      1, 2, ...                      nest per group, typed by its position:
            nlattr      CTRL_ATTR_MCAST_GRP_NAME     string
            nlattr      CTRL_ATTR_MCAST_GRP_ID       u32, what NETLINK_ADD_MEMBERSHIP takes
        (version, header size, ops, policies: ignored)
    */
    public static GenericNetlinkFamily ReadFamily(IReadOnlyList<NetlinkReply> replies, string familyName)
    {
        NetlinkReply reply = NetlinkReply.Single(replies, GENL_ID_CTRL, "CTRL_CMD_GETFAMILY");
        GenericNetlinkHeader.Read(reply.Payload.Span, out ReadOnlySpan<byte> attributes);
        ushort? id = null;
        var groups = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (NetlinkAttribute attribute in new NetlinkAttributeReader(attributes))
        {
            switch (attribute.Type)
            {
                case CTRL_ATTR_FAMILY_ID:
                    id = attribute.GetU16();
                    break;
                case CTRL_ATTR_MCAST_GROUPS:
                    ReadGroups(attribute.GetNested(), groups);
                    break;
            }
        }

        return id is ushort familyId ? new GenericNetlinkFamily(familyName, familyId, groups)
            : throw new NetlinkFormatException("CTRL_CMD_GETFAMILY: reply lacks CTRL_ATTR_FAMILY_ID");
    }

    private static void ReadGroups(NetlinkAttributeReader groupNests, Dictionary<string, uint> groups)
    {
        foreach (NetlinkAttribute groupNest in groupNests)
        {
            string? name = null;
            uint? id = null;
            foreach (NetlinkAttribute attribute in groupNest.GetNested())
            {
                switch (attribute.Type)
                {
                    case CTRL_ATTR_MCAST_GRP_NAME:
                        name = attribute.GetString();
                        break;
                    case CTRL_ATTR_MCAST_GRP_ID:
                        id = attribute.GetU32();
                        break;
                }
            }

            if (name is null || id is null)
            {
                throw new NetlinkFormatException(
                    $"CTRL_CMD_GETFAMILY: multicast group {groupNest.Type} lacks {(name is null ? "CTRL_ATTR_MCAST_GRP_NAME" : "CTRL_ATTR_MCAST_GRP_ID")}");
            }

            groups[name] = id.Value;
        }
    }
}
