// SPDX-License-Identifier: MIT
using Reflect.Netlink;
using ReflectCtl;

namespace Reflect.Tests.Unit.ReflectCtl;

/// <summary>A call reflectctl made to its client: the method and what it passed, if anything.</summary>
internal sealed record ClientCall(string Method, object? Argument = null);

/// <summary>
/// Stands in for reflect.ko, which a build host never loads: records the calls, answers with
/// what a test set, and keeps what the changing calls change, as the kernel would (config,
/// interfaces, scopes, entries), so that a command run twice sees its first run's effect. The
/// wire side of every call is covered by the Netlink tests.
/// </summary>
internal sealed class FakeReflectClient : IReflectClient
{
    private const int EEXIST = 17;
    private const int ENOENT = 2;
    private int _entryDumps;

    public List<ClientCall> Calls { get; } = [];

    public ReflectStatus Status { get; set; } = new("0.1.0", ReflectCounters.Zero, Netlink.Samples.Config);

    public ReflectConfig Config { get; set; } = Netlink.Samples.Config;

    public ReflectDump<ReflectInterface> Interfaces { get; set; } = new([], false);

    /// <summary>What each GetEntries returns in turn, filtered; the last one again once they run out, which the entry calls change.</summary>
    public List<ReflectDump<ReflectEntry>> EntryDumps { get; } = [new([], false)];

    public ReflectDump<ReflectLocal> Locals { get; set; } = new([], false);

    public ReflectDump<ReflectScope> Scopes { get; set; } = new([], false);

    public ReflectDump<ReflectNextHop> NextHops { get; set; } = new([], false);

    /// <summary>What ReadEvents yields before it ends, as if its timeout passed.</summary>
    public List<ReflectNotification> Events { get; } = [];

    /// <summary>Thrown by every call, as the kernel's refusal would be.</summary>
    public Exception? Failure { get; set; }

    /// <summary>The kernel's refusal of one entry to add, if any: e.g. ENOSPC for a full table.</summary>
    public Func<ReflectNewEntry, NetlinkException?> RefuseEntry { get; set; } = _ => null;

    public bool Disposed { get; private set; }

    /// <summary>What the entry calls change: the table the last dump shows.</summary>
    public IReadOnlyList<ReflectEntry> Table => EntryDumps[^1].Items;

    /// <summary>The calls that change the kernel's state, leaving out the reads.</summary>
    public IEnumerable<ClientCall> Changes => Calls.Where(call => !call.Method.StartsWith("Get", StringComparison.Ordinal)
        && call.Method != nameof(ReadEvents));

    /// <summary>Runs reflectctl with this client and returns its exit code and what it printed.</summary>
    public (int ExitCode, string Output, string Error) Run(params string[] args) => RunWithInput("", args);

    /// <summary>Runs reflectctl with <paramref name="input"/> as its standard input.</summary>
    public (int ExitCode, string Output, string Error) RunWithInput(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = Cli.Run(args, () => this, new StringReader(input), output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    public ReflectStatus GetStatus() => Record(nameof(GetStatus), null, Status);

    public ReflectConfig GetConfig() => Record(nameof(GetConfig), null, Config);

    public void SetConfig(ReflectConfigChange change)
    {
        Record<object?>(nameof(SetConfig), change, null);
        Config = change.ApplyTo(Config);
    }

    public void AddInterface(ReflectInterfaceId id)
    {
        Record<object?>(nameof(AddInterface), id, null);
        int index = id.Index ?? NetworkInterfaceNames.IndexOf(id.Name!) ?? 1000 + Interfaces.Items.Count;
        string name = id.Name ?? NetworkInterfaceNames.NameOf(index) ?? $"if{index}";
        Interfaces = new([.. Interfaces.Items, new ReflectInterface(index, name, ReflectCounters.Zero)], false);
    }

    public void DeleteInterface(ReflectInterfaceId id)
    {
        Record<object?>(nameof(DeleteInterface), id, null);
        Interfaces = new([.. Interfaces.Items.Where(iface => iface.IfIndex != id.Index && iface.Name != id.Name)], false);
    }

    public ReflectDump<ReflectInterface> GetInterfaces() => Record(nameof(GetInterfaces), null, Interfaces);

    public ReflectDump<ReflectEntry> GetEntries(ReflectEntryFilter? filter = null)
    {
        ReflectDump<ReflectEntry> dump = EntryDumps[Math.Min(_entryDumps++, EntryDumps.Count - 1)];
        return Record(nameof(GetEntries), filter, dump with { Items = [.. dump.Items.Where(entry => Matches(filter, entry))] });
    }

    public void Flush(ReflectEntryFilter? filter = null)
    {
        Record<object?>(nameof(Flush), filter, null);
        SetTable(Table.Where(entry => !Matches(filter, entry)));
    }

    public void AddEntry(ReflectNewEntry entry, bool replace = false)
    {
        Record<object?>(nameof(AddEntry), (entry, replace), null);
        if (Add(entry, replace) is NetlinkException refusal)
        {
            throw refusal;
        }
    }

    public IReadOnlyList<NetlinkRequestFailure> AddEntries(IReadOnlyList<ReflectNewEntry> entries, bool replace = false) =>
        Record(nameof(AddEntries), (entries, replace), Batch(entries, entry => Add(entry, replace)));

    public void DeleteEntry(ReflectEntryKey key)
    {
        Record<object?>(nameof(DeleteEntry), key, null);
        if (Delete(key) is NetlinkException refusal)
        {
            throw refusal;
        }
    }

    public IReadOnlyList<NetlinkRequestFailure> DeleteEntries(IReadOnlyList<ReflectEntryKey> keys) =>
        Record(nameof(DeleteEntries), keys, Batch(keys, Delete));

    public ReflectDump<ReflectLocal> GetLocals() => Record(nameof(GetLocals), null, Locals);

    public void AddScope(ReflectScope scope)
    {
        Record<object?>(nameof(AddScope), scope, null);
        Scopes = new([.. Scopes.Items, scope], false);
    }

    public void DeleteScope(ReflectScope scope)
    {
        Record<object?>(nameof(DeleteScope), scope, null);
        Scopes = new([.. Scopes.Items.Where(existing => existing != scope)], false);
    }

    public ReflectDump<ReflectScope> GetScopes() => Record(nameof(GetScopes), null, Scopes);

    public void AddNextHop(ReflectNextHop nextHop)
    {
        Record<object?>(nameof(AddNextHop), nextHop, null);
        NextHops = new([.. NextHops.Items, nextHop], false);
    }

    public void DeleteNextHop(ReflectNextHop nextHop)
    {
        Record<object?>(nameof(DeleteNextHop), nextHop, null);
        NextHops = new([.. NextHops.Items.Where(existing => existing != nextHop)], false);
    }

    public ReflectDump<ReflectNextHop> GetNextHops() => Record(nameof(GetNextHops), null, NextHops);

    public IEnumerable<ReflectNotification> ReadEvents(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Record(nameof(ReadEvents), timeout, Events.ToList());

    public void Dispose() => Disposed = true;

    /// <summary>What reflect.h says the kernel's filters match.</summary>
    private static bool Matches(ReflectEntryFilter? filter, ReflectEntry entry) =>
        filter is null
        || ((filter.IfIndex is null || filter.IfIndex == entry.IfIndex)
            && (filter.Family is null || filter.Family == entry.Family)
            && (filter.Local is null || filter.Local.Equals(entry.Local))
            && (filter.Peer is null || filter.Peer.Value.Contains(entry.Peer))
            && (!filter.StaticOnly || entry.Flags.HasFlag(ReflectEntryFlags.Static)));

    private static List<NetlinkRequestFailure> Batch<T>(IReadOnlyList<T> requests, Func<T, NetlinkException?> handle) =>
        [.. requests.Select((request, index) => (index, refusal: handle(request)))
            .Where(outcome => outcome.refusal is not null)
            .Select(outcome => new NetlinkRequestFailure(outcome.index, outcome.refusal!))];

    private NetlinkException? Add(ReflectNewEntry entry, bool replace)
    {
        if (RefuseEntry(entry) is NetlinkException refusal)
        {
            return refusal;
        }

        if (!replace && Table.Any(existing => existing.Key == entry.Key))
        {
            return NetlinkException.FromErrno("netlink request", EEXIST, "an entry of this key exists");
        }

        ReflectFlow? flow = entry.Key.Flow;
        var added = new ReflectEntry(entry.Key.Local, entry.Key.Peer, flow?.Protocol, flow?.LocalPort, flow?.PeerPort,
            entry.IfIndex, entry.LinkLayerAddress, 0, entry.Static ? ReflectEntryFlags.Static : ReflectEntryFlags.None, 0, 0, 0);
        SetTable([.. Table.Where(existing => existing.Key != entry.Key), added]);
        return null;
    }

    private NetlinkException? Delete(ReflectEntryKey key)
    {
        if (!Table.Any(existing => existing.Key == key))
        {
            return NetlinkException.FromErrno("netlink request", ENOENT, "no entry of this key");
        }

        SetTable(Table.Where(existing => existing.Key != key));
        return null;
    }

    private void SetTable(IEnumerable<ReflectEntry> entries) => EntryDumps[^1] = new([.. entries], false);

    private T Record<T>(string method, object? argument, T result)
    {
        Calls.Add(new ClientCall(method, argument));
        return Failure is null ? result : throw Failure;
    }
}
