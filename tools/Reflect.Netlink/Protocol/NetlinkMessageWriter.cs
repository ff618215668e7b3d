// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Reflect.Netlink.Protocol;

/// <summary>
/// Writes netlink messages, in host byte order, into a caller's buffer: a header, an
/// optional fixed part (genlmsghdr) and attributes, each padded to 4 bytes as the kernel's
/// nla_put() does. Several messages may follow each other in one buffer.
/// </summary>
internal ref struct NetlinkMessageWriter
{
    private readonly Span<byte> _buffer;
    private int _length;
    private int _messageStart;

    public NetlinkMessageWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _messageStart = -1;
    }

    public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

    /// <summary>Starts a message (layout in NetlinkHeader.cs); <see cref="EndMessage"/> fills in nlmsg_len.</summary>
    public void BeginMessage(ushort type, ushort flags, uint sequence, uint portId = 0)
    {
        if (_messageStart >= 0)
        {
            throw new InvalidOperationException("BeginMessage called before EndMessage of the previous message");
        }

        _messageStart = _length;
        Write(0u);
        Write(type);
        Write(flags);
        Write(sequence);
        Write(portId);
    }

    public void EndMessage()
    {
        if (_messageStart < 0)
        {
            throw new InvalidOperationException("EndMessage called without BeginMessage");
        }

        MemoryMarshal.Write(_buffer[_messageStart..], (uint)(_length - _messageStart));
        _messageStart = -1;
    }

    /// <summary>Writes a genlmsghdr (layout in NetlinkHeader.cs).</summary>
    public void WriteGenericHeader(byte command, byte version)
    {
        Write(command);
        Write(version);
        Write((ushort)0);
    }

    /// <summary>Writes bytes that are not an attribute, zero-padded to 4 bytes, like nlmsg_append().</summary>
    public void WriteRaw(scoped ReadOnlySpan<byte> bytes) => bytes.CopyTo(ReservePadded(bytes.Length));

    /*
        struct nlattr (4 bytes), then the payload and zero padding to a 4-byte boundary
        u16  nla_len    header + payload, without the padding
        u16  nla_type   attribute type, | NLA_F_NESTED for a nest
    */
    public void WriteU8(ushort type, byte value) => WriteScalar(type, value);

    public void WriteU16(ushort type, ushort value) => WriteScalar(type, value);

    public void WriteU32(ushort type, uint value) => WriteScalar(type, value);

    public void WriteU64(ushort type, ulong value) => WriteScalar(type, value);

    /// <summary>Writes UTF-8 and a terminating NUL, as NLA_NUL_STRING and NLA_STRING policies accept.</summary>
    public void WriteString(ushort type, string value)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("a netlink string attribute cannot contain NUL", nameof(value));
        }

        int length = Encoding.UTF8.GetByteCount(value);
        Span<byte> payload = ReserveAttribute(type, length + 1);
        Encoding.UTF8.GetBytes(value, payload);
        payload[length] = 0;
    }

    public void WriteBinary(ushort type, scoped ReadOnlySpan<byte> value) => value.CopyTo(ReserveAttribute(type, value.Length));

    /// <summary>Starts a nest flagged NLA_F_NESTED; pass the returned offset to <see cref="EndNested"/>.</summary>
    public int BeginNested(ushort type)
    {
        int start = _length;
        ReserveAttribute((ushort)(type | NetlinkUapi.NLA_F_NESTED), 0);
        return start;
    }

    public void EndNested(int start) => MemoryMarshal.Write(_buffer[start..], AttributeLength(_length - start));

    private void WriteScalar<T>(ushort type, T value)
        where T : unmanaged =>
        MemoryMarshal.Write(ReserveAttribute(type, Unsafe.SizeOf<T>()), in value);

    private Span<byte> ReserveAttribute(ushort type, int payloadLength)
    {
        Write(AttributeLength(NetlinkUapi.NLA_HDRLEN + payloadLength));
        Write(type);
        return ReservePadded(payloadLength);
    }

    private void Write<T>(T value)
        where T : unmanaged =>
        MemoryMarshal.Write(Reserve(Unsafe.SizeOf<T>()), in value);

    private Span<byte> ReservePadded(int length)
    {
        Span<byte> padded = Reserve(NetlinkUapi.Align(length));
        padded[length..].Clear();
        return padded[..length];
    }

    private Span<byte> Reserve(int length)
    {
        if (_buffer.Length - _length < length)
        {
            throw new InvalidOperationException(
                $"netlink message does not fit in its {_buffer.Length}-byte buffer");
        }

        Span<byte> reserved = _buffer.Slice(_length, length);
        _length += length;
        return reserved;
    }

    private static ushort AttributeLength(int length) =>
        length <= ushort.MaxValue
            ? (ushort)length
            : throw new InvalidOperationException($"netlink attribute of {length} bytes exceeds the 65535 that nla_len holds");
}
