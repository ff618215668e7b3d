// SPDX-License-Identifier: MIT
using System.Runtime.InteropServices;

namespace Reflect.Netlink.Protocol;

/*
    struct nlmsghdr (16 bytes, host byte order)
    u32  nlmsg_len     header + payload
    u16  nlmsg_type    NLMSG_* control type or a generic netlink family id
    u16  nlmsg_flags   NLM_F_*
    u32  nlmsg_seq     chosen by the requester, echoed in every reply
    u32  nlmsg_pid     port id of the sender; 0 for the kernel
*/
internal readonly record struct NetlinkHeader(uint Length, ushort Type, ushort Flags, uint Sequence, uint PortId)
{
    public bool HasFlags(ushort flags) => (Flags & flags) == flags;

    /// <summary>Reads a header from at least <see cref="NetlinkUapi.NLMSG_HDRLEN"/> bytes.</summary>
    public static NetlinkHeader Read(ReadOnlySpan<byte> bytes)
    {
        NetlinkBounds.RequireHeader("netlink message", 0, bytes.Length, NetlinkUapi.NLMSG_HDRLEN);
        return new NetlinkHeader(
            MemoryMarshal.Read<uint>(bytes),
            MemoryMarshal.Read<ushort>(bytes[4..]),
            MemoryMarshal.Read<ushort>(bytes[6..]),
            MemoryMarshal.Read<uint>(bytes[8..]),
            MemoryMarshal.Read<uint>(bytes[12..]));
    }
}

/*
    struct genlmsghdr (4 bytes), first in the payload of every generic netlink message
    u8   cmd        family command
    u8   version    family version
    u16  reserved   0
*/
internal readonly record struct GenericNetlinkHeader(byte Command, byte Version)
{
    /// <summary>Reads the header at the start of <paramref name="payload"/> and returns the attributes after it.</summary>
    public static GenericNetlinkHeader Read(ReadOnlySpan<byte> payload, out ReadOnlySpan<byte> attributes)
    {
        if (payload.Length < GenericNetlinkUapi.GENL_HDRLEN)
        {
            throw new NetlinkFormatException(
                $"truncated genlmsghdr: {payload.Length} bytes of payload, {GenericNetlinkUapi.GENL_HDRLEN} needed");
        }

        attributes = payload[GenericNetlinkUapi.GENL_HDRLEN..];
        return new GenericNetlinkHeader(payload[0], payload[1]);
    }
}
