// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Reflect.Netlink.Protocol;

namespace Reflect.Netlink.ReflectFamily;

/// <summary>
/// An address family (u8 AF_INET or AF_INET6) and addresses of it (4 or 16 bytes, network
/// order), as REFLECT_ENTRY_A_* and REFLECT_SCOPE_A_* carry them.
/// </summary>
internal static class AddressAttributes
{
    // include/linux/socket.h
    private const byte AF_INET = 2;
    private const byte AF_INET6 = 10;

    public static void WriteFamily(ref NetlinkMessageWriter writer, ushort type, IPAddress address) =>
        WriteFamily(ref writer, type, address.AddressFamily);

    public static void WriteFamily(ref NetlinkMessageWriter writer, ushort type, AddressFamily family) =>
        writer.WriteU8(type, family switch
        {
            AddressFamily.InterNetwork => AF_INET,
            AddressFamily.InterNetworkV6 => AF_INET6,
            _ => throw new ArgumentException($"{family} is neither IPv4 nor IPv6", nameof(family)),
        });

    public static void WriteAddress(ref NetlinkMessageWriter writer, ushort type, IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int length);
        writer.WriteBinary(type, bytes[..length]);
    }

    /// <summary>Reads the family attribute and returns the length of its addresses.</summary>
    public static int ReadFamily(NetlinkAttributeTable table, ushort type,
        [CallerArgumentExpression(nameof(type))] string name = "")
    {
        byte family = table.Required(type, name).GetU8();
        return family switch
        {
            AF_INET => 4,
            AF_INET6 => 16,
            _ => throw table.Malformed($"{name} is {family}, neither AF_INET ({AF_INET}) nor AF_INET6 ({AF_INET6})"),
        };
    }

    public static IPAddress ReadAddress(NetlinkAttributeTable table, ushort type, int length,
        [CallerArgumentExpression(nameof(type))] string name = "")
    {
        ReadOnlySpan<byte> bytes = table.Required(type, name).Payload;
        return bytes.Length == length ? new IPAddress(bytes)
            : throw table.Malformed($"{name} carries {bytes.Length} bytes where its family's addresses have {length}");
    }
}
