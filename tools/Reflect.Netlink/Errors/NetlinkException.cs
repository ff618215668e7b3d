// SPDX-License-Identifier: MIT
using System.Runtime.InteropServices;
using Reflect.Netlink.Protocol;

namespace Reflect.Netlink;

/// <summary>
/// A netlink operation failed with an errno: a socket call, or the kernel's NLMSG_ERROR
/// answer to a request, which may carry an extended-ack message saying what was wrong.
/// </summary>
public class NetlinkException : Exception
{
    private protected NetlinkException(string message, int errno, string? extendedAckMessage,
        uint? extendedAckOffset, Exception? innerException = null)
        : base(message, innerException)
    {
        Errno = errno;
        ExtendedAckMessage = extendedAckMessage;
        ExtendedAckOffset = extendedAckOffset;
    }

    /// <summary>The positive errno, e.g. 22 for EINVAL.</summary>
    public int Errno { get; }

    /// <summary>The kernel's NLMSGERR_ATTR_MSG, verbatim, if it sent one.</summary>
    public string? ExtendedAckMessage { get; }

    /// <summary>NLMSGERR_ATTR_OFFS: byte offset in the request of the attribute the kernel refused.</summary>
    public uint? ExtendedAckOffset { get; }

    /// <summary>EPERM or EACCES: the caller lacks CAP_NET_ADMIN for what it asked.</summary>
    public bool IsPermissionDenied => Errno is Protocol.Errno.EPERM or Protocol.Errno.EACCES;

    /// <summary>Picks the specific exception type for an errno that callers handle apart.</summary>
    internal static NetlinkException FromErrno(string operation, int errno,
        string? extendedAckMessage = null, uint? extendedAckOffset = null) =>
        errno == Protocol.Errno.ENOBUFS
            ? new NetlinkBufferOverrunException(operation)
            : new NetlinkException(Describe(operation, errno, extendedAckMessage), errno,
                extendedAckMessage, extendedAckOffset);

    private static string Describe(string operation, int errno, string? extendedAckMessage)
    {
        string failure = $"{operation} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
        return extendedAckMessage is null ? failure : $"{failure}: {extendedAckMessage}";
    }
}

/// <summary>
/// ENOBUFS: the socket's receive buffer overran and the kernel dropped messages, so the
/// reply is incomplete. Retrying the request on a fresh socket is safe for reads.
/// </summary>
public sealed class NetlinkBufferOverrunException : NetlinkException
{
    internal NetlinkBufferOverrunException(string operation)
        : base($"{operation} failed: the socket receive buffer overran and netlink messages were lost (ENOBUFS); retry the request",
            Protocol.Errno.ENOBUFS, null, null)
    {
    }
}

/// <summary>No reply arrived within the socket's receive timeout.</summary>
public sealed class NetlinkTimeoutException : NetlinkException
{
    internal NetlinkTimeoutException(TimeSpan timeout)
        : base($"no netlink reply from the kernel within {timeout.TotalSeconds:0.###} s", Protocol.Errno.EAGAIN, null, null)
    {
    }
}

/// <summary>
/// nlctrl answered ENOENT: no generic netlink family of that name is registered, which for
/// REFLECT means reflect.ko is not loaded.
/// </summary>
public sealed class GenericNetlinkFamilyNotFoundException : NetlinkException
{
    internal GenericNetlinkFamilyNotFoundException(string familyName, NetlinkException innerException)
        : base($"generic netlink family \"{familyName}\" is not registered", Protocol.Errno.ENOENT,
            innerException.ExtendedAckMessage, innerException.ExtendedAckOffset, innerException)
    {
        FamilyName = familyName;
    }

    public string FamilyName { get; }
}
