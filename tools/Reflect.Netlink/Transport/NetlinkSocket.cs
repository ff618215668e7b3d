// SPDX-License-Identifier: MIT
using System.Runtime.InteropServices;
using Reflect.Netlink.Protocol;
using static Reflect.Netlink.Transport.NativeMethods;

namespace Reflect.Netlink.Transport;

/// <summary>
/// A bound NETLINK_GENERIC socket that sends and receives datagrams, optionally a member of
/// multicast groups; <see cref="NetlinkExchanges"/> pairs requests with their answers. It
/// builds and parses nothing itself.
/// </summary>
internal sealed class NetlinkSocket : INetlinkTransport
{
    // Room for a pipelined batch's errors and a burst of events: the kernel doubles what it
    // is asked for, and without CAP_NET_ADMIN caps it at net.core.rmem_max.
    private const int ReceiveBufferBytes = 1024 * 1024;

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
    /// Opens the socket, asks for extended acks and capped errors and a receive buffer of
    /// about 1 MiB, and bounds each wait for a datagram by <paramref name="receiveTimeout"/>.
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
    /// Joins multicast group <paramref name="groupId"/> (a generic netlink family's, as nlctrl
    /// names it): its notifications arrive among the datagrams <see cref="Receive"/> returns.
    /// </summary>
    public unsafe void JoinGroup(uint groupId)
    {
        if (SetSockOpt(_handle, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &groupId, sizeof(uint)) != 0)
        {
            throw LastError($"setsockopt(NETLINK_ADD_MEMBERSHIP, {groupId})");
        }
    }

    public void Dispose() => _handle.Dispose();

    private unsafe void Configure()
    {
        // Extended acks arrived in Linux 4.12; an older kernel refuses the option and
        // simply sends errors without a message.
        SetFlag(NETLINK_EXT_ACK, "NETLINK_EXT_ACK");

        // An error then echoes only the request's header, not all of it: a batch's errors
        // take less of the receive buffer (Linux 4.3; the acknowledgement reader takes both).
        SetFlag(NETLINK_CAP_ACK, "NETLINK_CAP_ACK");

        // SO_RCVBUFFORCE passes rmem_max where the caller may (CAP_NET_ADMIN); else take what
        // SO_RCVBUF allows, which cannot fail.
        int receiveBuffer = ReceiveBufferBytes;
        if (SetSockOpt(_handle, SOL_SOCKET, SO_RCVBUFFORCE, &receiveBuffer, sizeof(int)) != 0)
        {
            _ = SetSockOpt(_handle, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof(int));
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

    public unsafe void Send(ReadOnlySpan<byte> datagram)
    {
        var kernel = new SockaddrNl { Family = AF_NETLINK };
        nint sent;
        do
        {
            fixed (byte* buffer = datagram)
            {
                sent = SendTo(_handle, buffer, (nuint)datagram.Length, 0, kernel, (uint)sizeof(SockaddrNl));
            }
        }
        while (sent < 0 && Marshal.GetLastPInvokeError() == Errno.EINTR);

        if (sent < 0)
        {
            throw LastError("sendto(AF_NETLINK)");
        }
    }

    public ReadOnlySpan<byte> Receive()
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

    private unsafe void SetFlag(int option, string name)
    {
        int on = 1;
        if (SetSockOpt(_handle, SOL_NETLINK, option, &on, sizeof(int)) != 0
            && Marshal.GetLastPInvokeError() != Errno.ENOPROTOOPT)
        {
            throw LastError($"setsockopt({name})");
        }
    }

    private static NetlinkException LastError(string operation) =>
        NetlinkException.FromErrno(operation, Marshal.GetLastPInvokeError());
}
