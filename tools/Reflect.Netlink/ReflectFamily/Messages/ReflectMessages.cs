// SPDX-License-Identifier: MIT
using Reflect.Netlink.Protocol;
using static Reflect.Netlink.ReflectUapi;

namespace Reflect.Netlink.ReflectFamily;

/// <summary>
/// What every message of the REFLECT family shares; the commands' own messages are in the
/// files beside this one, one per area of reflect.h, each drawn as that header draws it.
/// </summary>
internal static class ReflectMessages
{
    /*
        Every REFLECT request starts so, then carries its command's attributes
        nlmsghdr    nlmsg_type family id, nlmsg_seq
                    NLM_F_REQUEST | NLM_F_ACK for a do command: the kernel answers NLMSG_ERROR
                    NLM_F_REQUEST | NLM_F_DUMP for a dump: parts flagged NLM_F_MULTI, then NLMSG_DONE
        genlmsghdr  the command, version REFLECT_GENL_VERSION
    */
    public static void Begin(ref NetlinkMessageWriter writer, ushort familyId, uint sequence, byte command, bool dump) =>
        Begin(ref writer, familyId, sequence, command, dump ? NetlinkUapi.NLM_F_DUMP : NetlinkUapi.NLM_F_ACK);

    /// <summary>Starts a request with NLM_F_REQUEST and <paramref name="flags"/>, e.g. a batched one without NLM_F_ACK.</summary>
    public static void Begin(ref NetlinkMessageWriter writer, ushort familyId, uint sequence, byte command, ushort flags)
    {
        writer.BeginMessage(familyId, (ushort)(NetlinkUapi.NLM_F_REQUEST | flags), sequence);
        writer.WriteGenericHeader(command, REFLECT_GENL_VERSION);
    }

    /// <summary>A whole request without attributes.</summary>
    public static void WriteBare(ref NetlinkMessageWriter writer, ushort familyId, uint sequence, byte command, bool dump)
    {
        Begin(ref writer, familyId, sequence, command, dump);
        writer.EndMessage();
    }

    /*
        Every REFLECT reply, and every part of a dump
        nlmsghdr    nlmsg_type family id
        genlmsghdr  a command (not checked: the attributes say what the message is)
        nlattr      REFLECT_A_*, read into a table; types above REFLECT_A_MAX are skipped
    */
    public static NetlinkAttributeTable ReadSingle(NetlinkAnswer answer, ushort familyId, string command) =>
        ReadAttributes(NetlinkReply.Single(answer.Replies, familyId, command), familyId, command);

    public static ReflectDump<T> ReadDump<T>(NetlinkAnswer answer, ushort familyId, string command,
        Func<NetlinkAttributeTable, T> readItem)
    {
        var items = new List<T>(answer.Replies.Count);
        foreach (NetlinkReply reply in answer.Replies)
        {
            items.Add(readItem(ReadAttributes(reply, familyId, command)));
        }

        return new ReflectDump<T>(items, answer.DumpInterrupted);
    }

    private static NetlinkAttributeTable ReadAttributes(NetlinkReply reply, ushort familyId, string command)
    {
        reply.RequireType(familyId, command);
        GenericNetlinkHeader.Read(reply.Payload.Span, out ReadOnlySpan<byte> attributes);
        return NetlinkAttributeTable.Parse(attributes, REFLECT_A_MAX, command);
    }
}
