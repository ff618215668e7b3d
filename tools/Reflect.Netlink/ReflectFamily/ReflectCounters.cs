// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Runtime.InteropServices;

namespace Reflect.Netlink;

/// <summary>
/// One counter of REFLECT_A_STATS, valued as its REFLECT_STATS_A_* attribute type. reflect.h
/// says what each counts; the four hook counters and <see cref="Entries"/> are kept globally
/// only, the others also per interface and per local address.
/// </summary>
public enum ReflectCounter : ushort
{
    PreIpv4 = ReflectUapi.REFLECT_STATS_A_PRE_IPV4,
    PreIpv6 = ReflectUapi.REFLECT_STATS_A_PRE_IPV6,
    OutIpv4 = ReflectUapi.REFLECT_STATS_A_OUT_IPV4,
    OutIpv6 = ReflectUapi.REFLECT_STATS_A_OUT_IPV6,
    Learned = ReflectUapi.REFLECT_STATS_A_LEARNED,
    Refreshed = ReflectUapi.REFLECT_STATS_A_REFRESHED,
    Moved = ReflectUapi.REFLECT_STATS_A_MOVED,
    Flaps = ReflectUapi.REFLECT_STATS_A_FLAPS,
    Held = ReflectUapi.REFLECT_STATS_A_HELD,
    Skipped = ReflectUapi.REFLECT_STATS_A_SKIPPED,
    ReflectedPackets = ReflectUapi.REFLECT_STATS_A_REFLECTED_PACKETS,
    ReflectedBytes = ReflectUapi.REFLECT_STATS_A_REFLECTED_BYTES,
    Miss = ReflectUapi.REFLECT_STATS_A_MISS,
    FbDisabled = ReflectUapi.REFLECT_STATS_A_FB_DISABLED,
    FbStale = ReflectUapi.REFLECT_STATS_A_FB_STALE,
    FbDevGone = ReflectUapi.REFLECT_STATS_A_FB_DEV_GONE,
    FbDevDown = ReflectUapi.REFLECT_STATS_A_FB_DEV_DOWN,
    FbNoCarrier = ReflectUapi.REFLECT_STATS_A_FB_NO_CARRIER,
    FbMtu = ReflectUapi.REFLECT_STATS_A_FB_MTU,
    FbRetrans = ReflectUapi.REFLECT_STATS_A_FB_RETRANS,
    FbDstType = ReflectUapi.REFLECT_STATS_A_FB_DST_TYPE,
    TableFull = ReflectUapi.REFLECT_STATS_A_TABLE_FULL,
    Evicted = ReflectUapi.REFLECT_STATS_A_EVICTED,
    Expired = ReflectUapi.REFLECT_STATS_A_EXPIRED,
    Entries = ReflectUapi.REFLECT_STATS_A_ENTRIES,
    FbNoNeigh = ReflectUapi.REFLECT_STATS_A_FB_NO_NEIGH,
    Untrusted = ReflectUapi.REFLECT_STATS_A_UNTRUSTED,
    FbUntrusted = ReflectUapi.REFLECT_STATS_A_FB_UNTRUSTED,
    FbOutbound = ReflectUapi.REFLECT_STATS_A_FB_OUTBOUND,
}

/// <summary>
/// The counters of one REFLECT_A_STATS nest: a namespace's, an interface's or a local
/// address's. Every <see cref="ReflectCounter"/> has a value; one the kernel did not send is 0.
/// </summary>
public sealed class ReflectCounters : IEquatable<ReflectCounters>
{
    private readonly ulong[] _values = new ulong[ReflectUapi.REFLECT_STATS_A_MAX + 1];

    public ReflectCounters(IEnumerable<KeyValuePair<ReflectCounter, ulong>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach ((ReflectCounter counter, ulong value) in values)
        {
            _values[Index(counter)] = value;
        }
    }

    /// <summary>Every counter, in the order of reflect.h.</summary>
    public static IReadOnlyList<ReflectCounter> All { get; } = Enum.GetValues<ReflectCounter>();

    public static ReflectCounters Zero { get; } = new([]);

    public ulong this[ReflectCounter counter] => _values[Index(counter)];

    public bool Equals(ReflectCounters? other) => other is not null && _values.AsSpan().SequenceEqual(other._values);

    public override bool Equals(object? obj) => Equals(obj as ReflectCounters);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(MemoryMarshal.AsBytes(_values.AsSpan()));
        return hash.ToHashCode();
    }

    /// <summary>The non-zero counters, e.g. "Learned=3, Moved=1", for test failures and logs.</summary>
    public override string ToString() =>
        string.Join(", ", All.Where(counter => this[counter] != 0)
            .Select(counter => string.Create(CultureInfo.InvariantCulture, $"{counter}={this[counter]}")));

    private static int Index(ReflectCounter counter) =>
        Enum.IsDefined(counter) ? (int)counter : throw new ArgumentOutOfRangeException(nameof(counter), counter, "not a reflect counter");
}
