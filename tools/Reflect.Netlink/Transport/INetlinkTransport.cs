// SPDX-License-Identifier: MIT
namespace Reflect.Netlink.Transport;

/// <summary>
/// What the exchanges need of a netlink socket: sequence numbers, and datagrams out and in.
/// <see cref="NetlinkSocket"/> is the real one; a test stands in for the kernel with its own.
/// </summary>
internal interface INetlinkTransport : IDisposable
{
    uint NextSequence();

    /// <summary>Sends one datagram: one or more messages back to back.</summary>
    void Send(ReadOnlySpan<byte> datagram);

    /// <summary>The next datagram received, valid until the next call.</summary>
    /// <exception cref="NetlinkTimeoutException">None arrived within the socket's receive timeout.</exception>
    /// <exception cref="NetlinkBufferOverrunException">The receive buffer overran (ENOBUFS): messages were lost.</exception>
    ReadOnlySpan<byte> Receive();
}
