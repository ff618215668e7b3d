// SPDX-License-Identifier: MIT
namespace Reflect.Netlink.Protocol;

/// <summary>A reply to a request, copied out of the datagram it arrived in.</summary>
internal sealed record NetlinkReply(NetlinkHeader Header, ReadOnlyMemory<byte> Payload)
{
    /// <summary>The one reply of type <paramref name="type"/> that a do-request (not a dump) gets.</summary>
    public static NetlinkReply Single(IReadOnlyList<NetlinkReply> replies, ushort type, string request)
    {
        if (replies.Count != 1)
        {
            throw new NetlinkFormatException($"{request}: expected one reply, got {replies.Count}");
        }

        NetlinkReply reply = replies[0];
        reply.RequireType(type, request);
        return reply;
    }

    public void RequireType(ushort type, string request)
    {
        if (Header.Type != type)
        {
            throw new NetlinkFormatException($"{request}: reply has message type {Header.Type}, expected {type}");
        }
    }
}

/// <summary>
/// Everything the kernel answered to one request: its replies (a dump's parts, in order) and
/// whether any part or the closing NLMSG_DONE carried NLM_F_DUMP_INTR, which the kernel sets
/// when the dumped data changed between two parts, so that the parts may miss or repeat items.
/// </summary>
internal sealed record NetlinkAnswer(IReadOnlyList<NetlinkReply> Replies, bool DumpInterrupted);

/// <summary>
/// Reassembles the answer to one request from the datagrams received for it. The answer
/// ends with NLMSG_ERROR (an ACK, or the kernel's refusal) or, for a dump, NLMSG_DONE after
/// the NLM_F_MULTI parts; so a request must set NLM_F_ACK or NLM_F_DUMP. Messages with
/// another sequence number are late answers to earlier requests and are skipped.
/// </summary>
internal sealed class NetlinkReplyCollector(uint sequence)
{
    private readonly List<NetlinkReply> _replies = [];

    public bool IsComplete { get; private set; }

    public IReadOnlyList<NetlinkReply> Replies => _replies;

    /// <summary>Whether a message answering this request so far carried NLM_F_DUMP_INTR.</summary>
    public bool DumpInterrupted { get; private set; }

    public NetlinkAnswer Answer => new(_replies, DumpInterrupted);

    /// <summary>Takes in a datagram; throws the kernel's error as a <see cref="NetlinkException"/>.</summary>
    public void Add(ReadOnlySpan<byte> datagram)
    {
        foreach (NetlinkMessage message in new NetlinkMessageReader(datagram))
        {
            if (IsComplete || message.Header.Sequence != sequence)
            {
                continue;
            }

            // netlink_dump_done() marks NLMSG_DONE itself when the last part was consistent
            // but the data changed after it, so the flag is checked on every message.
            DumpInterrupted |= message.Header.HasFlags(NetlinkUapi.NLM_F_DUMP_INTR);
            switch (message.Header.Type)
            {
                case NetlinkUapi.NLMSG_NOOP:
                    break;
                case NetlinkUapi.NLMSG_ERROR:
                    Finish(NetlinkAcknowledgement.ReadError(message.Header, message.Payload));
                    break;
                case NetlinkUapi.NLMSG_DONE:
                    Finish(NetlinkAcknowledgement.ReadDone(message.Header, message.Payload));
                    break;
                default:
                    _replies.Add(new NetlinkReply(message.Header, message.Payload.ToArray()));
                    break;
            }
        }
    }

    private void Finish(NetlinkAcknowledgement acknowledgement)
    {
        if (acknowledgement.IsError)
        {
            throw acknowledgement.ToException("netlink request");
        }

        IsComplete = true;
    }
}
