// SPDX-License-Identifier: MIT
using Reflect.Netlink.Protocol;
using static Reflect.Netlink.ReflectUapi;

namespace Reflect.Netlink.ReflectFamily;

/// <summary>Messages of the REFLECT family, as kmod/uapi/reflect.h draws them.</summary>
internal static class ReflectMessages
{
    /*
        REFLECT_CMD_GET_STATUS request
        nlmsghdr    nlmsg_type family id, NLM_F_REQUEST | NLM_F_ACK, nlmsg_seq
        genlmsghdr  REFLECT_CMD_GET_STATUS, version REFLECT_GENL_VERSION
        (no attributes)
    */
    public static void WriteGetStatus(ref NetlinkMessageWriter writer, ushort familyId, uint sequence)
    {
        writer.BeginMessage(familyId, NetlinkUapi.NLM_F_REQUEST | NetlinkUapi.NLM_F_ACK, sequence);
        writer.WriteGenericHeader(REFLECT_CMD_GET_STATUS, REFLECT_GENL_VERSION);
        writer.EndMessage();
    }

    /*
        REFLECT_CMD_GET_STATUS reply
        nlmsghdr    nlmsg_type family id
        genlmsghdr  REFLECT_CMD_GET_STATUS
        nlattr      REFLECT_A_VERSION            string
        nlattr      REFLECT_A_STATS              nest:
          nlattr      REFLECT_STATS_A_PRE_IPV4   u64
          nlattr      REFLECT_STATS_A_PRE_IPV6   u64
          nlattr      REFLECT_STATS_A_OUT_IPV4   u64
          nlattr      REFLECT_STATS_A_OUT_IPV6   u64
        Attributes this reader does not know, REFLECT_STATS_A_PAD among them, are skipped.
    */
    public static ReflectStatus ReadStatus(IReadOnlyList<NetlinkReply> replies, ushort familyId)
    {
        NetlinkReply reply = NetlinkReply.Single(replies, familyId, nameof(REFLECT_CMD_GET_STATUS));
        GenericNetlinkHeader.Read(reply.Payload.Span, out ReadOnlySpan<byte> attributes);
        string? version = null;
        ReflectCounters? counters = null;
        foreach (NetlinkAttribute attribute in new NetlinkAttributeReader(attributes))
        {
            switch (attribute.Type)
            {
                case REFLECT_A_VERSION:
                    version = attribute.GetString();
                    break;
                case REFLECT_A_STATS:
                    counters = ReadCounters(attribute.GetNested());
                    break;
            }
        }

        return new ReflectStatus(
            Required(version, nameof(REFLECT_A_VERSION)),
            Required(counters, nameof(REFLECT_A_STATS)));
    }

    private static ReflectCounters ReadCounters(NetlinkAttributeReader stats)
    {
        ulong? preIpv4 = null, preIpv6 = null, outIpv4 = null, outIpv6 = null;
        foreach (NetlinkAttribute attribute in stats)
        {
            switch (attribute.Type)
            {
                case REFLECT_STATS_A_PRE_IPV4:
                    preIpv4 = attribute.GetU64();
                    break;
                case REFLECT_STATS_A_PRE_IPV6:
                    preIpv6 = attribute.GetU64();
                    break;
                case REFLECT_STATS_A_OUT_IPV4:
                    outIpv4 = attribute.GetU64();
                    break;
                case REFLECT_STATS_A_OUT_IPV6:
                    outIpv6 = attribute.GetU64();
                    break;
            }
        }

        return new ReflectCounters(
            Required(preIpv4, nameof(REFLECT_STATS_A_PRE_IPV4)),
            Required(preIpv6, nameof(REFLECT_STATS_A_PRE_IPV6)),
            Required(outIpv4, nameof(REFLECT_STATS_A_OUT_IPV4)),
            Required(outIpv6, nameof(REFLECT_STATS_A_OUT_IPV6)));
    }

    private static T Required<T>(T? value, string attribute)
        where T : class =>
        value ?? throw Missing(attribute);

    private static ulong Required(ulong? value, string attribute) =>
        value ?? throw Missing(attribute);

    private static NetlinkFormatException Missing(string attribute) =>
        new($"{nameof(REFLECT_CMD_GET_STATUS)}: reply lacks {attribute}");
}
