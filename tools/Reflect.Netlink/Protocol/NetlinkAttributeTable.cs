// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;

namespace Reflect.Netlink.Protocol;

/// <summary>
/// The attributes of one block by type, as the kernel's nla_parse() fills its tb[] array:
/// types above the reader's maximum were added by a later sender and are skipped, and a type
/// that repeats keeps its last value. What it throws names the reply and the attribute.
/// </summary>
internal sealed class NetlinkAttributeTable
{
    private readonly byte[]?[] _payloads;
    private readonly string _reply;

    private NetlinkAttributeTable(byte[]?[] payloads, string reply)
    {
        _payloads = payloads;
        _reply = reply;
    }

    /// <param name="block">Attributes back to back, e.g. a message's after its genlmsghdr.</param>
    /// <param name="maxType">The highest type the reader knows (a *_MAX constant).</param>
    /// <param name="reply">What is being read, for messages: the command, e.g. "REFLECT_CMD_GET_ENTRY".</param>
    public static NetlinkAttributeTable Parse(ReadOnlySpan<byte> block, ushort maxType, string reply)
    {
        byte[]?[] payloads = new byte[]?[maxType + 1];
        foreach (NetlinkAttribute attribute in new NetlinkAttributeReader(block))
        {
            if (attribute.Type <= maxType)
            {
                payloads[attribute.Type] = attribute.Payload.ToArray();
            }
        }

        return new NetlinkAttributeTable(payloads, reply);
    }

    public bool TryGet(ushort type, out NetlinkAttribute attribute)
    {
        byte[]? payload = type < _payloads.Length ? _payloads[type] : null;
        attribute = payload is null ? default : new NetlinkAttribute(type, payload);
        return payload is not null;
    }

    /// <summary>The attribute the contract says is always there; <paramref name="name"/> defaults to the constant's.</summary>
    public NetlinkAttribute Required(ushort type, [CallerArgumentExpression(nameof(type))] string name = "") =>
        TryGet(type, out NetlinkAttribute attribute) ? attribute : throw Malformed($"reply lacks {name}");

    /// <summary>The table of a nest the contract says is always there.</summary>
    public NetlinkAttributeTable RequiredNested(ushort type, ushort maxType,
        [CallerArgumentExpression(nameof(type))] string name = "") =>
        Parse(Required(type, name).Payload, maxType, _reply);

    /// <summary>An exception for a reply that breaks the contract in a way only its reader can tell.</summary>
    public NetlinkFormatException Malformed(string problem) => new($"{_reply}: {problem}");
}
