// SPDX-License-Identifier: MIT
using Reflect.Netlink.Protocol;
using static Reflect.Netlink.Protocol.NetlinkUapi;

namespace Reflect.Tests.Unit.Netlink;

/// <summary>The control messages the kernel's af_netlink.c sends, written as it lays them out.</summary>
internal static class KernelReplies
{
    public const uint PortId = 4242;

    /// <summary>netlink_ack(): struct nlmsgerr, the request (whole unless capped), extended-ack TLVs.</summary>
    public static void Error(ref NetlinkMessageWriter writer, uint sequence, int errno, ReadOnlySpan<byte> request,
        bool capped = true, string? message = null, uint? offset = null)
    {
        ushort flags = (ushort)((capped ? NLM_F_CAPPED : 0) | (message is null && offset is null ? 0 : NLM_F_ACK_TLVS));
        writer.BeginMessage(NLMSG_ERROR, flags, sequence, PortId);
        writer.WriteRaw(Wire.Raw(-errno));
        writer.WriteRaw(capped ? request[..NLMSG_HDRLEN] : request);
        WriteExtendedAck(ref writer, message, offset);
        writer.EndMessage();
    }

    /// <summary>
    /// netlink_dump_done(): the dump's error code, then an extended-ack message if any;
    /// flagged NLM_F_DUMP_INTR when the data changed after the last part.
    /// </summary>
    public static void Done(ref NetlinkMessageWriter writer, uint sequence, int errno = 0, string? message = null,
        bool interrupted = false)
    {
        ushort flags = (ushort)(NLM_F_MULTI | (message is null ? 0 : NLM_F_ACK_TLVS) | (interrupted ? NLM_F_DUMP_INTR : 0));
        writer.BeginMessage(NLMSG_DONE, flags, sequence, PortId);
        writer.WriteRaw(Wire.Raw(-errno));
        WriteExtendedAck(ref writer, message, null);
        writer.EndMessage();
    }

    /// <summary>One part of a dump: a generic netlink message flagged NLM_F_MULTI with one u32.</summary>
    public static void DumpPart(ref NetlinkMessageWriter writer, ushort familyId, uint sequence, uint value,
        bool interrupted = false)
    {
        writer.BeginMessage(familyId, (ushort)(NLM_F_MULTI | (interrupted ? NLM_F_DUMP_INTR : 0)), sequence, PortId);
        writer.WriteGenericHeader(1, 1);
        writer.WriteU32(1, value);
        writer.EndMessage();
    }

    private static void WriteExtendedAck(ref NetlinkMessageWriter writer, string? message, uint? offset)
    {
        if (message is not null)
        {
            writer.WriteString(NLMSGERR_ATTR_MSG, message);
        }

        if (offset is not null)
        {
            writer.WriteU32(NLMSGERR_ATTR_OFFS, offset.Value);
        }
    }
}
