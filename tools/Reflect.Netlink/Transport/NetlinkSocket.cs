// SPDX-License-Identifier: MIT
using System.Runtime.InteropServices;
using Reflect.Netlink.Protocol;
using static Reflect.Netlink.Transport.NativeMethods;

namespace Reflect.Netlink.Transport;

/// <summary>
/// A bound NETLINK_GENERIC socket that sends one request at a time and returns the
/// replies to it, a dump's parts reassembled, once its ACK, error or NLMSG_DONE arrives.
/// It builds and parses nothing itself beyond the header of what it sends.
/// </summary>
internal sealed class NetlinkSocket : IDisposable
{
    // The kernel sends dump parts of up to 32 KiB; a larger datagram grows the buffer.
    private byte[] _receiveBuffer = new byte[32 * 1024];
    private readonly NetlinkSocketHandle _handle;
    private readonly TimeSpan _receiveTimeout;
    private uint _lastSequence;

    private NetlinkSocket(NetlinkSocketHandle handle, TimeSpan receiveTimeout)
    {
        _handle = handle;
        _receiveTimeout = receiveTimeout;
    }

    /// <summary>The port id the kernel gave this socket on bind.</summary>
    public uint PortId { get; private set; }

    /// <summary>
    /// Opens the socket, asks for extended acks, and bounds each wait for a datagram by
    /// <paramref name="receiveTimeout"/>.
    /// </summary>
    public static NetlinkSocket OpenGeneric(TimeSpan receiveTimeout)
    {
        int fd = NativeMethods.Socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
        if (fd < 0)
        {
            throw LastError("socket(AF_NETLINK, NETLINK_GENERIC)");
        }

        var socket = new NetlinkSocket(new NetlinkSocketHandle(fd), receiveTimeout);
        try
        {
            socket.Configure();
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public uint NextSequence() => ++_lastSequence;

    /// <summary>
    /// Sends <paramref name="request"/>, which must set NLM_F_ACK or NLM_F_DUMP so that its
    /// answer has an end, and returns the replies carrying its sequence number.
    /// </summary>
    public NetlinkAnswer Transact(ReadOnlySpan<byte> request)
    {
        NetlinkHeader header = NetlinkHeader.Read(request);
        if ((header.Flags & (NetlinkUapi.NLM_F_ACK | NetlinkUapi.NLM_F_DUMP)) == 0)
        {
            throw new ArgumentException("a request must set NLM_F_ACK or NLM_F_DUMP", nameof(request));
        }

        Send(request);
        var collector = new NetlinkReplyCollector(header.Sequence);
        while (!collector.IsComplete)
        {
            collector.Add(ReceiveDatagram());
        }

        return collector.Answer;
    }

    public void Dispose() => _handle.Dispose();

    private unsafe void Configure()
    {
        // Extended acks arrived in Linux 4.12; an older kernel refuses the option and
        // simply sends errors without a message.
        int on = 1;
        if (SetSockOpt(_handle, SOL_NETLINK, NETLINK_EXT_ACK, &on, sizeof(int)) != 0
            && Marshal.GetLastPInvokeError() != Errno.ENOPROTOOPT)
        {
            throw LastError("setsockopt(NETLINK_EXT_ACK)");
        }

        long microseconds = (long)(_receiveTimeout.TotalMicroseconds);
        var timeout = new Timeval { Seconds = microseconds / 1_000_000, Microseconds = microseconds % 1_000_000 };
        if (SetSockOpt(_handle, SOL_SOCKET, SO_RCVTIMEO, &timeout, (uint)sizeof(Timeval)) != 0)
        {
            throw LastError("setsockopt(SO_RCVTIMEO)");
        }

        // Port id 0 lets the kernel pick a free one; getsockname tells which.
        var address = new SockaddrNl { Family = AF_NETLINK };
        uint addressLength = (uint)sizeof(SockaddrNl);
        if (Bind(_handle, address, addressLength) != 0)
        {
            throw LastError("bind(AF_NETLINK)");
        }

        if (GetSockName(_handle, out address, ref addressLength) != 0)
        {
            throw LastError("getsockname(AF_NETLINK)");
        }

        PortId = address.PortId;
    }

    private unsafe void Send(ReadOnlySpan<byte> request)
    {
        var kernel = new SockaddrNl { Family = AF_NETLINK };
        nint sent;
        do
        {
            fixed (byte* buffer = request)
            {
                sent = SendTo(_handle, buffer, (nuint)request.Length, 0, kernel, (uint)sizeof(SockaddrNl));
            }
        }
        while (sent < 0 && Marshal.GetLastPInvokeError() == Errno.EINTR);

        if (sent < 0)
        {
            throw LastError("sendto(AF_NETLINK)");
        }
    }

    private ReadOnlySpan<byte> ReceiveDatagram()
    {
        // Peek with MSG_TRUNC for the datagram's full size first: a datagram larger than the
        // buffer would otherwise be cut short and its tail lost.
        int length = Receive(_receiveBuffer, MSG_PEEK | MSG_TRUNC);
        if (length > _receiveBuffer.Length)
        {
            _receiveBuffer = new byte[length];
        }

        return _receiveBuffer.AsSpan(0, Receive(_receiveBuffer, 0));
    }

    private unsafe int Receive(Span<byte> destination, int flags)
    {
        while (true)
        {
            nint received;
            fixed (byte* buffer = destination)
            {
                received = NativeMethods.Receive(_handle, buffer, (nuint)destination.Length, flags);
            }

            if (received >= 0)
            {
                return (int)received;
            }

            int errno = Marshal.GetLastPInvokeError();
            switch (errno)
            {
                case Errno.EINTR:
                    continue;
                case Errno.EAGAIN:
                    throw new NetlinkTimeoutException(_receiveTimeout);
                default:
                    throw NetlinkException.FromErrno("recv(AF_NETLINK)", errno);
            }
        }
    }

    private static NetlinkException LastError(string operation) =>
        NetlinkException.FromErrno(operation, Marshal.GetLastPInvokeError());
}
