// SPDX-License-Identifier: MIT
using System.Net.NetworkInformation;
using Reflect.Netlink;
using ReflectCtl.Arguments;
using ReflectCtl.Output;

namespace ReflectCtl.Apply;

/// <summary>
/// One difference between the kernel and the desired state: <c>+</c> added, <c>-</c> deleted,
/// <c>~</c> changed from <see cref="From"/> to <see cref="To"/>.
/// </summary>
/// <param name="Kind">config, iface, scope, nexthop or entry.</param>
/// <param name="Name">The key, interface, "ACTION PREFIX", "IFACE ADDRESS|MAC" or entry key.</param>
internal sealed record StateChange(char Op, string Kind, string Name, string? From = null, string? To = null);

/// <summary>
/// What <c>apply</c> changes to make the kernel's state the desired one: computed from one
/// reading of the kernel, shown as <see cref="Changes"/>, then carried out in the order that
/// keeps each request valid. Nothing differs, nothing is sent.
/// </summary>
internal sealed class Reconciliation
{
    private readonly List<StateChange> _changes = [];
    private ReflectConfigChange? _config;
    private readonly List<string> _interfacesToAdd = [];
    private readonly List<string> _interfacesToDelete = [];
    private readonly List<ReflectScope> _scopesToAdd = [];
    private readonly List<ReflectScope> _scopesToDelete = [];
    private readonly List<ReflectNextHop> _nextHopsToAdd = [];
    private readonly List<ReflectNextHop> _nextHopsToDelete = [];
    private readonly List<ReflectEntryKey> _entriesToDelete = [];
    private readonly List<ReflectNewEntry> _entriesToAdd = [];

    private Reconciliation()
    {
    }

    public IReadOnlyList<StateChange> Changes => _changes;

    /// <summary>Reads what the desired state manages from the kernel and compares.</summary>
    /// <exception cref="UsageException">A desired entry's interface is not one reflection is (or will be) enabled on.</exception>
    public static Reconciliation Plan(IReflectClient client, DesiredState desired)
    {
        var plan = new Reconciliation();
        bool modeChanges = desired.Config is not null && plan.PlanConfig(client.GetConfig(), desired.Config);
        IReadOnlyList<string>? interfaces = desired.Interfaces is null && desired.Entries is null ? null
            : client.GetInterfaces().Items.Select(iface => iface.Name).ToList();
        if (desired.Interfaces is not null)
        {
            plan.PlanInterfaces(interfaces!, desired.Interfaces);
        }

        if (desired.Scopes is not null)
        {
            plan.PlanScopes(client.GetScopes().Items, desired.Scopes);
        }

        if (desired.NextHops is not null)
        {
            plan.PlanNextHops(client.GetNextHops().Items, desired.NextHops);
        }

        if (desired.Entries is not null)
        {
            // Changing the mode flushes the table: every entry's key differs in the other mode.
            IReadOnlyList<ReflectEntry> current = modeChanges ? []
                : client.GetEntries(new ReflectEntryFilter { StaticOnly = true }).Items
                    .Where(entry => entry.Flags.HasFlag(ReflectEntryFlags.Static)).ToList();
            plan.PlanEntries(current, desired.Entries, desired.Interfaces ?? interfaces!);
        }

        return plan;
    }

    /// <summary>
    /// Carries the changes out: config, then interfaces to add, scopes, named next hops,
    /// entries to delete and to add (replacing any of the key), and last the interfaces to
    /// delete, whose entries go with them. A refused config, interface, scope or next-hop
    /// change throws, and what was changed before stays; refused entries do not stop the others.
    /// </summary>
    /// <returns>The entries the kernel refused, by key, with its error; empty when all went.</returns>
    public IReadOnlyList<(string Entry, NetlinkException Error)> Apply(IReflectClient client)
    {
        if (_config is not null)
        {
            client.SetConfig(_config);
        }

        _interfacesToAdd.ForEach(name => client.AddInterface(ReflectInterfaceId.ByName(name)));
        _scopesToDelete.ForEach(client.DeleteScope);
        _scopesToAdd.ForEach(client.AddScope);
        _nextHopsToDelete.ForEach(client.DeleteNextHop);
        _nextHopsToAdd.ForEach(client.AddNextHop);
        var refused = new List<(string, NetlinkException)>();
        if (_entriesToDelete.Count > 0)
        {
            refused.AddRange(client.DeleteEntries(_entriesToDelete).Select(failure => (Names.Of(_entriesToDelete[failure.Index]), failure.Error)));
        }

        if (_entriesToAdd.Count > 0)
        {
            refused.AddRange(client.AddEntries(_entriesToAdd, replace: true).Select(failure => (Names.Of(_entriesToAdd[failure.Index].Key), failure.Error)));
        }

        _interfacesToDelete.ForEach(name => client.DeleteInterface(ReflectInterfaceId.ByName(name)));
        return refused;
    }

    // Returns whether the mode changes.
    private bool PlanConfig(ReflectConfig current, ReflectConfigChange desired)
    {
        ReflectConfig target = desired.ApplyTo(current);
        List<ConfigKey> differing = ConfigKeys.All.Where(key => key.Show(current) != key.Show(target)).ToList();
        if (differing.Count == 0)
        {
            return false;
        }

        _config = ConfigKeys.Parse(differing.Select(key => $"{key.Name}={key.Show(target)}"), out _);
        _changes.AddRange(differing.Select(key => new StateChange('~', "config", key.Name, key.Show(current), key.Show(target))));
        return current.Mode != target.Mode;
    }

    private void PlanInterfaces(IReadOnlyList<string> current, IReadOnlyList<string> desired)
    {
        _interfacesToAdd.AddRange(desired.Except(current, StringComparer.Ordinal).Order(StringComparer.Ordinal));
        _interfacesToDelete.AddRange(current.Except(desired, StringComparer.Ordinal).Order(StringComparer.Ordinal));
        _changes.AddRange(_interfacesToAdd.Select(name => new StateChange('+', "iface", name)));
        _changes.AddRange(_interfacesToDelete.Select(name => new StateChange('-', "iface", name)));
    }

    private void PlanScopes(IReadOnlyList<ReflectScope> current, IReadOnlyList<ReflectScope> desired)
    {
        _scopesToDelete.AddRange(current.Except(desired));
        _scopesToAdd.AddRange(desired.Except(current));
        _changes.AddRange(_scopesToDelete.Select(scope => new StateChange('-', "scope", Show(scope))));
        _changes.AddRange(_scopesToAdd.Select(scope => new StateChange('+', "scope", Show(scope))));
    }

    private void PlanNextHops(IReadOnlyList<ReflectNextHop> current, IReadOnlyList<DesiredNextHop> desired)
    {
        List<ReflectNextHop> wanted = desired.Select(nextHop =>
            nextHop.Address.On(InterfaceArgument.ToIndex(ReflectInterfaceId.ByName(nextHop.Interface)))).ToList();
        Func<int, string?> interfaceName = Names.InterfaceLookup();
        _nextHopsToDelete.AddRange(current.Except(wanted));
        _nextHopsToAdd.AddRange(wanted.Except(current));
        _changes.AddRange(_nextHopsToDelete.Select(nextHop => new StateChange('-', "nexthop", Show(nextHop, interfaceName))));
        _changes.AddRange(_nextHopsToAdd.Select(nextHop => new StateChange('+', "nexthop", Show(nextHop, interfaceName))));
    }

    private void PlanEntries(IReadOnlyList<ReflectEntry> current, IReadOnlyList<DesiredEntry> desired, IReadOnlyList<string> enabled)
    {
        Dictionary<ReflectEntryKey, ReflectEntry> existing = current.ToDictionary(entry => entry.Key);
        Func<int, string?> interfaceName = Names.InterfaceLookup();
        foreach (ReflectEntry entry in current.Where(entry => !desired.Any(wanted => wanted.Key == entry.Key)))
        {
            _entriesToDelete.Add(entry.Key);
            _changes.Add(new StateChange('-', "entry", Names.Of(entry.Key), From: NextHop(interfaceName(entry.IfIndex), entry)));
        }

        foreach (DesiredEntry wanted in desired)
        {
            if (!enabled.Contains(wanted.Interface, StringComparer.Ordinal))
            {
                throw new UsageException($"{wanted.Path}:iface: reflection is not enabled on {wanted.Interface}; list it in interfaces");
            }

            int ifIndex = InterfaceArgument.ToIndex(ReflectInterfaceId.ByName(wanted.Interface));
            string to = $"{wanted.Interface} {Names.Of(wanted.LinkLayerAddress)}";
            if (!existing.TryGetValue(wanted.Key, out ReflectEntry? entry))
            {
                _changes.Add(new StateChange('+', "entry", Names.Of(wanted.Key), To: to));
            }
            else if (entry.IfIndex != ifIndex || !entry.LinkLayerAddress.Equals(wanted.LinkLayerAddress))
            {
                _changes.Add(new StateChange('~', "entry", Names.Of(wanted.Key), NextHop(interfaceName(entry.IfIndex), entry), to));
            }
            else
            {
                continue;
            }

            _entriesToAdd.Add(new ReflectNewEntry(wanted.Key, ifIndex, wanted.LinkLayerAddress, Static: true));
        }
    }

    private static string NextHop(string? iface, ReflectEntry entry) =>
        $"{iface ?? Names.Number((ulong)entry.IfIndex)} {Names.Of(entry.LinkLayerAddress)}";

    private static string Show(ReflectScope scope) => $"{Names.Of(scope.Action)} {scope.Prefix}";

    private static string Show(ReflectNextHop nextHop, Func<int, string?> interfaceName) =>
        $"{interfaceName(nextHop.IfIndex) ?? Names.Number((ulong)nextHop.IfIndex)} {Commands.NextHopCommand.Show(nextHop)}";
}
