// SPDX-License-Identifier: MIT
using Reflect.Netlink.Protocol;

namespace Reflect.Netlink.Transport;

/// <summary>Writes the request at <paramref name="index"/> of a batch, setting NLM_F_ACK only if <paramref name="ack"/>.</summary>
internal delegate void WriteBatchedRequest(ref NetlinkMessageWriter writer, int index, uint sequence, bool ack);

/// <summary>
/// The two ways a request meets its answer: one request and its whole answer, and a batch of
/// do-requests pipelined many to a datagram, whose failures are collected by sequence number.
/// </summary>
internal static class NetlinkExchanges
{
    // A batch's datagram; far below the 200 KiB or so of net.core.wmem_default that bounds one.
    private const int BatchBufferLength = 16 * 1024;

    // If every request of a datagram failed, their errors (capped, about 1 KiB each in the
    // kernel's accounting) must still fit in the receive buffer, or some would be dropped.
    private const int MaxRequestsPerDatagram = 128;

    /// <summary>
    /// Sends <paramref name="request"/>, which must set NLM_F_ACK or NLM_F_DUMP so that its
    /// answer has an end, and returns the replies carrying its sequence number.
    /// </summary>
    public static NetlinkAnswer Transact(this INetlinkTransport transport, ReadOnlySpan<byte> request)
    {
        NetlinkHeader header = NetlinkHeader.Read(request);
        if ((header.Flags & (NetlinkUapi.NLM_F_ACK | NetlinkUapi.NLM_F_DUMP)) == 0)
        {
            throw new ArgumentException("a request must set NLM_F_ACK or NLM_F_DUMP", nameof(request));
        }

        transport.Send(request);
        var collector = new NetlinkReplyCollector(header.Sequence);
        while (!collector.IsComplete)
        {
            collector.Add(transport.Receive());
        }

        return collector.Answer;
    }

    /// <summary>
    /// Sends <paramref name="count"/> do-requests that expect no reply beyond their ACK, as many
    /// to a datagram as fit, each datagram's last one alone asking for an ACK (see
    /// <see cref="NetlinkBatchCollector"/>), and returns those the kernel refused. A refusal
    /// does not stop the batch: the kernel goes on with the next request.
    /// </summary>
    /// <param name="maxRequestLength">The most bytes <paramref name="write"/> writes for one request.</param>
    public static IReadOnlyList<NetlinkRequestFailure> Pipeline(this INetlinkTransport transport, int count,
        int maxRequestLength, WriteBatchedRequest write)
    {
        var failures = new List<NetlinkRequestFailure>();
        byte[] buffer = new byte[BatchBufferLength];
        int perDatagram = Math.Clamp(BatchBufferLength / maxRequestLength, 1, MaxRequestsPerDatagram);
        for (int start = 0; start < count; start += perDatagram)
        {
            int end = Math.Min(count, start + perDatagram);
            var writer = new NetlinkMessageWriter(buffer);
            uint first = transport.NextSequence();
            uint last = first;
            for (int index = start; index < end; index++)
            {
                last = index == start ? first : transport.NextSequence();
                write(ref writer, index, last, ack: index == end - 1);
            }

            transport.Send(writer.Written);
            var collector = new NetlinkBatchCollector(first, last);
            while (!collector.IsComplete)
            {
                collector.Add(transport.Receive());
            }

            failures.AddRange(collector.Failures.Select(failure =>
                new NetlinkRequestFailure(start + failure.Offset, failure.Acknowledgement.ToException("netlink request"))));
        }

        return failures;
    }
}
