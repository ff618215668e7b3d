// SPDX-License-Identifier: MIT
using System.Runtime.InteropServices;

namespace Reflect.Netlink.Protocol;

/// <summary>
/// The message that ends the kernel's answer to a request: NLMSG_ERROR (an ACK when
/// <see cref="Error"/> is 0) or the NLMSG_DONE of a dump, with the extended ack the kernel
/// adds when the socket asked for it with NETLINK_EXT_ACK.
/// </summary>
internal sealed record NetlinkAcknowledgement(int Error, string? ExtendedAckMessage, uint? ExtendedAckOffset)
{
    private const int ErrorLength = sizeof(int);

    public bool IsError => Error < 0;

    public NetlinkException ToException(string operation) =>
        NetlinkException.FromErrno(operation, -Error, ExtendedAckMessage, ExtendedAckOffset);

    /*
        NLMSG_ERROR payload: struct nlmsgerr, then the extended ack
        s32       error       0 for an ACK, else -errno
        nlmsghdr  msg         header of the request answered
        u8        request[]   msg's payload, padded; absent when NLM_F_CAPPED (always so for an ACK)
        nlattr    tlvs[]      NLMSGERR_ATTR_MSG string, NLMSGERR_ATTR_OFFS u32, others ignored;
                              present when NLM_F_ACK_TLVS
    */
    public static NetlinkAcknowledgement ReadError(NetlinkHeader header, ReadOnlySpan<byte> payload)
    {
        const int nlmsgerrLength = ErrorLength + NetlinkUapi.NLMSG_HDRLEN;
        if (payload.Length < nlmsgerrLength)
        {
            throw new NetlinkFormatException(
                $"truncated NLMSG_ERROR: {payload.Length} bytes of payload, struct nlmsgerr needs {nlmsgerrLength}");
        }

        int tlvStart = nlmsgerrLength;
        if (!header.HasFlags(NetlinkUapi.NLM_F_CAPPED))
        {
            NetlinkHeader request = NetlinkHeader.Read(payload[ErrorLength..]);
            tlvStart = NetlinkBounds.Next("echoed request", request.Type, ErrorLength,
                payload.Length - ErrorLength, request.Length, NetlinkUapi.NLMSG_HDRLEN);
        }

        return Read(MemoryMarshal.Read<int>(payload), header, payload[tlvStart..]);
    }

    /*
        NLMSG_DONE payload, ending a dump
        s32     error    0, or -errno when the dump failed midway
        nlattr  tlvs[]   as for NLMSG_ERROR, present when NLM_F_ACK_TLVS
    */
    public static NetlinkAcknowledgement ReadDone(NetlinkHeader header, ReadOnlySpan<byte> payload)
    {
        if (payload.Length < ErrorLength)
        {
            throw new NetlinkFormatException(
                $"truncated NLMSG_DONE: {payload.Length} bytes of payload, its error code needs {ErrorLength}");
        }

        return Read(MemoryMarshal.Read<int>(payload), header, payload[ErrorLength..]);
    }

    private static NetlinkAcknowledgement Read(int error, NetlinkHeader header, ReadOnlySpan<byte> tlvs)
    {
        string? message = null;
        uint? offset = null;
        if (header.HasFlags(NetlinkUapi.NLM_F_ACK_TLVS))
        {
            foreach (NetlinkAttribute attribute in new NetlinkAttributeReader(tlvs))
            {
                switch (attribute.Type)
                {
                    case NetlinkUapi.NLMSGERR_ATTR_MSG:
                        message = attribute.GetString();
                        break;
                    case NetlinkUapi.NLMSGERR_ATTR_OFFS:
                        offset = attribute.GetU32();
                        break;
                }
            }
        }

        return new NetlinkAcknowledgement(error, message, offset);
    }
}
