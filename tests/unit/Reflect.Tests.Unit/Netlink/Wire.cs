// SPDX-License-Identifier: MIT
using Reflect.Netlink.Protocol;

namespace Reflect.Tests.Unit.Netlink;

internal delegate void WriteMessages(ref NetlinkMessageWriter writer);

internal sealed record AttributeValue(ushort Type, bool IsNested, byte[] Payload);

internal sealed record MessageValue(NetlinkHeader Header, byte[] Payload);

/// <summary>Builds and takes apart wire bytes for tests, through the codec under test.</summary>
internal static class Wire
{
    public static byte[] Write(WriteMessages write)
    {
        var writer = new NetlinkMessageWriter(new byte[4096]);
        write(ref writer);
        return writer.Written.ToArray();
    }

    /// <summary>Fields back to back in host byte order, as in a C struct without padding.</summary>
    public static byte[] Raw(params object[] fields) =>
        fields.SelectMany(field => field switch
        {
            byte value => [value],
            ushort value => BitConverter.GetBytes(value),
            uint value => BitConverter.GetBytes(value),
            int value => BitConverter.GetBytes(value),
            ulong value => BitConverter.GetBytes(value),
            byte[] value => value,
            _ => throw new ArgumentException($"no wire form for {field.GetType()}", nameof(fields)),
        }).ToArray();

    public static List<MessageValue> ReadMessages(ReadOnlySpan<byte> datagram)
    {
        var messages = new List<MessageValue>();
        foreach (NetlinkMessage message in new NetlinkMessageReader(datagram))
        {
            messages.Add(new MessageValue(message.Header, message.Payload.ToArray()));
        }

        return messages;
    }

    public static List<AttributeValue> ReadAttributes(ReadOnlySpan<byte> block)
    {
        var attributes = new List<AttributeValue>();
        foreach (NetlinkAttribute attribute in new NetlinkAttributeReader(block))
        {
            attributes.Add(new AttributeValue(attribute.Type, attribute.IsNested, attribute.Payload.ToArray()));
        }

        return attributes;
    }

    /// <summary>The genlmsghdr and attributes of a generic netlink message's payload.</summary>
    public static (GenericNetlinkHeader Header, List<AttributeValue> Attributes) ReadGeneric(ReadOnlySpan<byte> payload)
    {
        GenericNetlinkHeader header = GenericNetlinkHeader.Read(payload, out ReadOnlySpan<byte> attributes);
        return (header, ReadAttributes(attributes));
    }
}
