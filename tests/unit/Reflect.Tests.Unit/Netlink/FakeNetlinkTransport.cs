// SPDX-License-Identifier: MIT
using Reflect.Netlink;
using Reflect.Netlink.Protocol;
using Reflect.Netlink.Transport;
using static Reflect.Netlink.Protocol.NetlinkUapi;

namespace Reflect.Tests.Unit.Netlink;

/// <summary>
/// A transport whose other end is the test: it keeps what is sent, and hands out, one a
/// receive, the datagrams or errors queued in <see cref="Incoming"/>; with nothing queued a
/// receive times out, as a socket's would. With <see cref="Kernel"/> set it answers each
/// request sent as netlink_rcv_skb() does: an error for a refusal, an ACK if asked for.
/// </summary>
internal sealed class FakeNetlinkTransport : INetlinkTransport
{
    private uint _lastSequence;

    public List<byte[]> Sent { get; } = [];

    /// <summary>What the next receives return: a datagram (byte[]) or an exception to throw.</summary>
    public Queue<object> Incoming { get; } = new();

    /// <summary>The kernel's verdict on one request: 0, or an errno and its extended-ack message.</summary>
    public Func<MessageValue, (int Errno, string? Message)>? Kernel { get; set; }

    public bool Disposed { get; private set; }

    public uint NextSequence() => ++_lastSequence;

    public void Send(ReadOnlySpan<byte> datagram)
    {
        Sent.Add(datagram.ToArray());
        foreach (MessageValue request in Kernel is null ? [] : Wire.ReadMessages(datagram))
        {
            (int errno, string? message) = Kernel!(request);
            if (errno != 0 || request.Header.HasFlags(NLM_F_ACK))
            {
                byte[] requestBytes = Wire.Raw(request.Header.Length, request.Header.Type, request.Header.Flags,
                    request.Header.Sequence, request.Header.PortId);
                Incoming.Enqueue(Wire.Write((ref NetlinkMessageWriter w) =>
                    KernelReplies.Error(ref w, request.Header.Sequence, errno, requestBytes, message: message)));
            }
        }
    }

    public ReadOnlySpan<byte> Receive() =>
        Incoming.TryDequeue(out object? next)
            ? next as byte[] ?? throw (Exception)next
            : throw new NetlinkTimeoutException(TimeSpan.FromMilliseconds(1));

    public void Dispose() => Disposed = true;
}
