// SPDX-License-Identifier: MIT
using System.Net.NetworkInformation;
using Reflect.Netlink;
using ReflectCtl.Arguments;

namespace ReflectCtl.Apply;

/// <summary>
/// What <c>apply</c> makes the kernel's state, apart from how a file spells it. A part that is
/// null was left out of the file and is left alone; a part that is there is the whole of it:
/// what it lacks goes (learned entries excepted: they are never apply's business).
/// </summary>
/// <param name="Config">The configuration keys to hold these values; the others keep theirs.</param>
/// <param name="Interfaces">The interfaces reflection is enabled on, by name.</param>
/// <param name="Scopes">The scope prefixes, include and exclude.</param>
/// <param name="Entries">The static entries.</param>
/// <param name="NextHops">The named trusted next hops.</param>
internal sealed record DesiredState(
    ReflectConfigChange? Config,
    IReadOnlyList<string>? Interfaces,
    IReadOnlyList<ReflectScope>? Scopes,
    IReadOnlyList<DesiredEntry>? Entries,
    IReadOnlyList<DesiredNextHop>? NextHops = null)
{
    /// <summary>Every interface the state names: enabled ones, and those of its entries and next hops.</summary>
    public IEnumerable<string> InterfaceNames =>
        (Interfaces ?? []).Concat(Entries?.Select(entry => entry.Interface) ?? [])
            .Concat(NextHops?.Select(nextHop => nextHop.Interface) ?? []).Distinct(StringComparer.Ordinal);

    /// <summary>This state without the interfaces <paramref name="names"/>, and without the entries and next hops on them.</summary>
    public DesiredState Without(IReadOnlyCollection<string> names) => this with
    {
        Interfaces = Interfaces?.Where(name => !names.Contains(name)).ToList(),
        Entries = Entries?.Where(entry => !names.Contains(entry.Interface)).ToList(),
        NextHops = NextHops?.Where(nextHop => !names.Contains(nextHop.Interface)).ToList(),
    };
}

/// <summary>A static entry of the desired state, with its interface by name.</summary>
/// <param name="Path">Where the file gives it, e.g. "entries:0", for messages.</param>
internal sealed record DesiredEntry(ReflectEntryKey Key, string Interface, PhysicalAddress LinkLayerAddress, string Path);

/// <summary>A named next hop of the desired state, with its interface by name.</summary>
internal sealed record DesiredNextHop(string Interface, NextHopAddress Address)
{
    public override string ToString() => $"{Interface} {Address}";
}
