// SPDX-License-Identifier: MIT
namespace Reflect.Netlink;

/// <summary>
/// Bytes that do not form valid netlink: a truncated header, a length beyond the buffer,
/// an attribute shorter than its header, stray bytes where alignment padding belongs, or a
/// reply that lacks what the request promises. The message says which and where.
/// </summary>
public sealed class NetlinkFormatException : Exception
{
    internal NetlinkFormatException(string message)
        : base(message)
    {
    }
}
