// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Reflect.Netlink.Protocol;

/// <summary>One attribute: its type without the NLA_F_* flags, and its payload without padding.</summary>
internal readonly ref struct NetlinkAttribute(ushort rawType, ReadOnlySpan<byte> payload)
{
    public ushort Type => (ushort)(rawType & NetlinkUapi.NLA_TYPE_MASK);

    /// <summary>
    /// Whether the sender set NLA_F_NESTED. Informative only: kernels before nla_nest_start()
    /// set it by default send nests without it, so <see cref="GetNested"/> does not require it.
    /// </summary>
    public bool IsNested => (rawType & NetlinkUapi.NLA_F_NESTED) != 0;

    public ReadOnlySpan<byte> Payload { get; } = payload;

    public byte GetU8() => GetScalar<byte>("u8");

    public ushort GetU16() => GetScalar<ushort>("u16");

    public uint GetU32() => GetScalar<uint>("u32");

    public ulong GetU64() => GetScalar<ulong>("u64");

    /// <summary>The UTF-8 text up to the first NUL, or the whole payload if it has none (NLA_STRING).</summary>
    public string GetString()
    {
        int end = Payload.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? Payload : Payload[..end]);
    }

    public NetlinkAttributeReader GetNested() => new(Payload);

    private T GetScalar<T>(string typeName)
        where T : unmanaged
    {
        if (Payload.Length != Unsafe.SizeOf<T>())
        {
            throw new NetlinkFormatException(
                $"attribute type {Type} carries {Payload.Length} bytes where a {typeName} needs {Unsafe.SizeOf<T>()}");
        }

        return MemoryMarshal.Read<T>(Payload);
    }
}

/// <summary>
/// Enumerates a block of attributes, rejecting any whose length does not fit:
/// <c>foreach (NetlinkAttribute attribute in new NetlinkAttributeReader(block))</c>.
/// Attribute layout is drawn in NetlinkMessageWriter.cs.
/// </summary>
internal ref struct NetlinkAttributeReader(ReadOnlySpan<byte> attributes)
{
    private readonly ReadOnlySpan<byte> _attributes = attributes;
    private int _next;

    public NetlinkAttribute Current { get; private set; }

    public readonly NetlinkAttributeReader GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_next == _attributes.Length)
        {
            return false;
        }

        int offset = _next;
        ReadOnlySpan<byte> rest = _attributes[offset..];
        NetlinkBounds.RequireHeader("attribute", offset, rest.Length, NetlinkUapi.NLA_HDRLEN);
        ushort length = MemoryMarshal.Read<ushort>(rest);
        ushort rawType = MemoryMarshal.Read<ushort>(rest[2..]);
        _next = NetlinkBounds.Next("attribute", rawType & NetlinkUapi.NLA_TYPE_MASK, offset, rest.Length, length, NetlinkUapi.NLA_HDRLEN);
        Current = new NetlinkAttribute(rawType, rest[NetlinkUapi.NLA_HDRLEN..length]);
        return true;
    }
}
