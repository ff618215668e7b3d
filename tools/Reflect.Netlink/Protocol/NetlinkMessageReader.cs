// SPDX-License-Identifier: MIT
namespace Reflect.Netlink.Protocol;

/// <summary>One message of a datagram: its header and the payload after it, without padding.</summary>
internal readonly ref struct NetlinkMessage(NetlinkHeader header, ReadOnlySpan<byte> payload)
{
    public NetlinkHeader Header { get; } = header;

    public ReadOnlySpan<byte> Payload { get; } = payload;
}

/// <summary>
/// Enumerates the messages of a received datagram, rejecting any whose length does not fit:
/// <c>foreach (NetlinkMessage message in new NetlinkMessageReader(datagram))</c>.
/// </summary>
internal ref struct NetlinkMessageReader(ReadOnlySpan<byte> datagram)
{
    private readonly ReadOnlySpan<byte> _datagram = datagram;
    private int _next;

    public NetlinkMessage Current { get; private set; }

    public readonly NetlinkMessageReader GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_next == _datagram.Length)
        {
            return false;
        }

        int offset = _next;
        ReadOnlySpan<byte> rest = _datagram[offset..];
        NetlinkBounds.RequireHeader("netlink message", offset, rest.Length, NetlinkUapi.NLMSG_HDRLEN);
        NetlinkHeader header = NetlinkHeader.Read(rest);
        _next = NetlinkBounds.Next("netlink message", header.Type, offset, rest.Length, header.Length, NetlinkUapi.NLMSG_HDRLEN);
        Current = new NetlinkMessage(header, rest[NetlinkUapi.NLMSG_HDRLEN..(int)header.Length]);
        return true;
    }
}
