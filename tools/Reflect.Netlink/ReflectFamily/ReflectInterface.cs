// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text;

namespace Reflect.Netlink;

/// <summary>An interface reflect.ko learns on, as REFLECT_CMD_GET_IFACE lists it.</summary>
/// <param name="IfIndex">REFLECT_A_IFINDEX.</param>
/// <param name="Name">REFLECT_A_IFNAME.</param>
/// <param name="Counters">REFLECT_A_STATS: that interface's counters (the global-only ones are 0).</param>
public sealed record ReflectInterface(int IfIndex, string Name, ReflectCounters Counters);

/// <summary>An interface named for REFLECT_CMD_ADD_IFACE or REFLECT_CMD_DEL_IFACE: by index or by name, never both.</summary>
public sealed record ReflectInterfaceId
{
    /// <summary>IFNAMSIZ less the NUL: the longest name the kernel has, in UTF-8 bytes.</summary>
    public const int MaxNameBytes = 15;

    private ReflectInterfaceId(int? index, string? name)
    {
        Index = index;
        Name = name;
    }

    /// <summary>REFLECT_A_IFINDEX, or null when chosen by name.</summary>
    public int? Index { get; }

    /// <summary>REFLECT_A_IFNAME, or null when chosen by index.</summary>
    public string? Name { get; }

    public static ReflectInterfaceId ByIndex(int index) =>
        index > 0 ? new ReflectInterfaceId(index, null)
            : throw new ArgumentOutOfRangeException(nameof(index), index, "an interface index is positive");

    /// <exception cref="ArgumentException">Not <see cref="IsValidName"/>.</exception>
    public static ReflectInterfaceId ByName(string name) =>
        IsValidName(name) ? new ReflectInterfaceId(null, name)
            : throw new ArgumentException($"'{name}' is not an interface name: 1 to {MaxNameBytes} bytes, no NUL", nameof(name));

    /// <summary>Whether the kernel could have an interface of this name (it checks the rest, e.g. no '/').</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && !name.Contains('\0', StringComparison.Ordinal)
        && Encoding.UTF8.GetByteCount(name) <= MaxNameBytes;

    public override string ToString() => Name ?? Index!.Value.ToString(CultureInfo.InvariantCulture);
}
