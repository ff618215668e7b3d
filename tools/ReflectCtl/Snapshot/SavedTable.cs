// SPDX-License-Identifier: MIT
using System.Net.NetworkInformation;
using Reflect.Netlink;

namespace ReflectCtl.Snapshot;

/// <summary>A table as <c>save</c> wrote it, for <c>restore</c> to load on another node or namespace.</summary>
/// <param name="Version">The saving module's version.</param>
/// <param name="Mode">Its mode, which gave the entries' keys their shape.</param>
/// <param name="SavedAt">When it was saved.</param>
/// <param name="NextHops">The named trusted next hops, by interface name (none in a file from before they existed).</param>
internal sealed record SavedTable(string Version, ReflectMode Mode, DateTimeOffset SavedAt, IReadOnlyList<SavedEntry> Entries,
    IReadOnlyList<Apply.DesiredNextHop> NextHops);

/// <summary>An entry as saved: with its interface by name, which the other node resolves.</summary>
/// <param name="Interface">The interface's name, or null if the saving host had none for its index.</param>
/// <param name="IdleMilliseconds">Idle when saved; a restored entry starts fresh.</param>
internal sealed record SavedEntry(ReflectEntryKey Key, string? Interface, PhysicalAddress LinkLayerAddress,
    ReflectEntryFlags Flags, uint IdleMilliseconds);
