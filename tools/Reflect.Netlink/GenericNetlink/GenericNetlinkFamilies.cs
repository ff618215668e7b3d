// SPDX-License-Identifier: MIT
using Reflect.Netlink.Protocol;
using Reflect.Netlink.Transport;

namespace Reflect.Netlink.GenericNetlink;

/// <summary>Looks up a generic netlink family's message type (its id) and multicast groups by name through nlctrl.</summary>
internal static class GenericNetlinkFamilies
{
    // GENL_NAMSIZ (16) bytes of name with its NUL, plus the headers.
    private const int RequestBufferLength = 64;

    /// <exception cref="GenericNetlinkFamilyNotFoundException">No family of that name is registered.</exception>
    public static GenericNetlinkFamily Resolve(INetlinkTransport transport, string familyName)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[RequestBufferLength]);
        ControlMessages.WriteGetFamily(ref writer, transport.NextSequence(), familyName);
        try
        {
            return ControlMessages.ReadFamily(transport.Transact(writer.Written).Replies, familyName);
        }
        catch (NetlinkException e) when (e.Errno == Errno.ENOENT)
        {
            throw new GenericNetlinkFamilyNotFoundException(familyName, e);
        }
    }
}
