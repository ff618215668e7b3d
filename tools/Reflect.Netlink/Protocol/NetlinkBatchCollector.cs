// SPDX-License-Identifier: MIT
namespace Reflect.Netlink.Protocol;

/// <summary>
/// Collects the answer to a batch: do-requests sent back to back in one datagram with the
/// sequence numbers <c>first</c> to <c>last</c>, of which only the last sets NLM_F_ACK. The
/// kernel handles a datagram's messages in order, in the sender's sendmsg(), and answers a
/// request without NLM_F_ACK only when it fails (netlink_rcv_skb()); so the batch is complete
/// when the last request's NLMSG_ERROR arrives, and each NLMSG_ERROR before it is a failure.
/// A batch of n requests thus costs one receive, not n.
/// </summary>
internal sealed class NetlinkBatchCollector(uint first, uint last)
{
    private readonly List<(int Offset, NetlinkAcknowledgement Acknowledgement)> _failures = [];

    public bool IsComplete { get; private set; }

    /// <summary>The refused requests so far: their offset from <c>first</c>, and the kernel's error.</summary>
    public IReadOnlyList<(int Offset, NetlinkAcknowledgement Acknowledgement)> Failures => _failures;

    public void Add(ReadOnlySpan<byte> datagram)
    {
        foreach (NetlinkMessage message in new NetlinkMessageReader(datagram))
        {
            // Unsigned subtraction keeps a batch whose numbers wrap past uint.MaxValue in range.
            uint offset = message.Header.Sequence - first;
            if (IsComplete || message.Header.Type != NetlinkUapi.NLMSG_ERROR || offset > last - first)
            {
                continue;
            }

            NetlinkAcknowledgement acknowledgement = NetlinkAcknowledgement.ReadError(message.Header, message.Payload);
            if (acknowledgement.IsError)
            {
                _failures.Add(((int)offset, acknowledgement));
            }

            IsComplete = message.Header.Sequence == last;
        }
    }
}
