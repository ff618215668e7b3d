// SPDX-License-Identifier: MIT
using System.Runtime.InteropServices;
using Reflect.Netlink.Transport;

namespace Reflect.Netlink;

/// <summary>
/// Interface names and indexes in the caller's network namespace, as if_indextoname(3) and
/// if_nametoindex(3) tell them: for commands that take either, and for listings that show
/// a name where the kernel sends only an index.
/// </summary>
public static class NetworkInterfaceNames
{
    /// <summary>The name of the interface with this index, or null if there is none.</summary>
    public static unsafe string? NameOf(int ifIndex)
    {
        if (ifIndex <= 0)
        {
            return null;
        }

        byte* name = stackalloc byte[NativeMethods.IFNAMSIZ];
        return NativeMethods.IfIndexToName((uint)ifIndex, name) is null ? null : Marshal.PtrToStringUTF8((nint)name);
    }

    /// <summary>The index of the interface with this name, or null if there is none.</summary>
    public static int? IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        uint index = name.Length == 0 || name.Contains('\0', StringComparison.Ordinal) ? 0 : NativeMethods.IfNameToIndex(name);
        return index == 0 ? null : (int)index;
    }
}
