// SPDX-License-Identifier: MIT
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Reflect.Netlink.Transport;

/// <summary>
/// Every P/Invoke of this library: the libc socket calls for AF_NETLINK, which
/// System.Net.Sockets.Socket cannot create, and the interface name lookups of net/if.h.
/// Values are Linux's (x86-64 and arm64).
/// </summary>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores",
    Justification = "Names mirror the C headers verbatim.")]
internal static partial class NativeMethods
{
    public const int AF_NETLINK = 16;
    public const int SOCK_RAW = 3;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int NETLINK_GENERIC = 16;

    public const int SOL_SOCKET = 1;
    public const int SO_RCVBUF = 8;
    public const int SO_RCVTIMEO = 20;
    public const int SO_RCVBUFFORCE = 33;
    public const int SOL_NETLINK = 270;
    public const int NETLINK_ADD_MEMBERSHIP = 1;
    public const int NETLINK_CAP_ACK = 10;
    public const int NETLINK_EXT_ACK = 11;

    public const int MSG_PEEK = 0x2;
    public const int MSG_TRUNC = 0x20;

    public const int IFNAMSIZ = 16;

    /// <summary>struct sockaddr_nl.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SockaddrNl
    {
        public ushort Family;
        public ushort Pad;
        public uint PortId;
        public uint Groups;
    }

    /// <summary>struct timeval on a 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Timeval
    {
        public long Seconds;
        public long Microseconds;
    }

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    public static partial int Bind(NetlinkSocketHandle socket, in SockaddrNl address, uint addressLength);

    [LibraryImport("libc", EntryPoint = "getsockname", SetLastError = true)]
    public static partial int GetSockName(NetlinkSocketHandle socket, out SockaddrNl address, ref uint addressLength);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static unsafe partial int SetSockOpt(NetlinkSocketHandle socket, int level, int name, void* value, uint valueLength);

    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    public static unsafe partial nint SendTo(NetlinkSocketHandle socket, byte* buffer, nuint length, int flags,
        in SockaddrNl address, uint addressLength);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static unsafe partial nint Receive(NetlinkSocketHandle socket, byte* buffer, nuint length, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    /// <summary>Writes the name, NUL-terminated, into IFNAMSIZ bytes; returns null for no such interface.</summary>
    [LibraryImport("libc", EntryPoint = "if_indextoname", SetLastError = true)]
    public static unsafe partial byte* IfIndexToName(uint ifIndex, byte* name);

    /// <summary>Returns 0 for no such interface.</summary>
    [LibraryImport("libc", EntryPoint = "if_nametoindex", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial uint IfNameToIndex(string name);
}

/// <summary>Owns a socket file descriptor and closes it once.</summary>
internal sealed class NetlinkSocketHandle : SafeHandle
{
    public NetlinkSocketHandle(int fd)
        : base(invalidHandleValue: -1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle < 0;

    protected override bool ReleaseHandle() => NativeMethods.Close((int)handle) == 0;
}
