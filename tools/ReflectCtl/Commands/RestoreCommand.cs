// SPDX-License-Identifier: MIT
using System.CommandLine;
using Reflect.Netlink;
using ReflectCtl.Arguments;
using ReflectCtl.Output;
using ReflectCtl.Snapshot;

namespace ReflectCtl.Commands;

/// <summary>
/// <c>reflectctl restore -f FILE [--replace] [--json]</c>: loads a saved table, interfaces
/// resolved by name here; named next hops first (those whose interface is here and not yet
/// named), then learned entries as freshly learned, static ones as static.
/// </summary>
internal static class RestoreCommand
{
    private const int EEXIST = 17;

    public static Command Create(Func<IReflectClient> connect, TextReader input)
    {
        Option<string> file = FileArgument.CreateOption("The table 'save' wrote.");
        Option<bool> replace = new("--replace") { Description = "Replace the next hop and flags of entries of the same key here, which are otherwise skipped." };
        Option<bool> json = ClientCommands.JsonOption();
        var command = new Command("restore",
            "Load a table 'save' wrote, skipping entries whose interface reflection is not enabled on here, stale ones, and all of a table of the other mode; " +
            "exits 6 if any was skipped.")
        {
            file, replace, json,
        };
        command.SetClientAction(connect, context =>
        {
            string path = context.ParseResult.GetRequiredValue(file);
            SavedTable table = SavedTableFile.Read(FileArgument.ReadText(path, input), path == FileArgument.Standard ? "standard input" : path);
            RestoreOutcome outcome = Restore(context.Client, table, context.ParseResult.GetValue(replace));
            context.Output.WriteLine(context.ParseResult.GetValue(json) ? FormatJson(outcome) : FormatText(outcome));
            return outcome.Skipped.Count == 0 ? ExitCode.Ok : ExitCode.Incomplete;
        });
        return command;
    }

    /*
        {"entries":1000,"loaded":998,"skipped":[{"reason":"interface eth2 is not enabled here","entries":2}]}
    */
    public static string FormatJson(RestoreOutcome outcome) => Json.Object(writer =>
    {
        writer.WriteNumber("entries", outcome.Entries);
        writer.WriteNumber("loaded", outcome.Loaded);
        writer.WriteStartArray("skipped");
        foreach ((string reason, int entries) in outcome.Skipped)
        {
            writer.WriteStartObject();
            writer.WriteString("reason", reason);
            writer.WriteNumber("entries", entries);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    /*
        loaded 998 of 1000 entries
        skipped 2:
               2  interface eth2 is not enabled here
    */
    public static string FormatText(RestoreOutcome outcome)
    {
        string loaded = $"loaded {Names.Number((ulong)outcome.Loaded)} of {Names.Number((ulong)outcome.Entries)} entries";
        if (outcome.Skipped.Count == 0)
        {
            return loaded;
        }

        var reasons = new TextTable(new Column("", AlignRight: true), new Column(""));
        foreach ((string reason, int entries) in outcome.Skipped)
        {
            reasons.Add(Names.Number((ulong)entries), reason);
        }

        string indented = string.Join('\n', reasons.Format(headings: false).Split('\n').Select(line => "  " + line));
        return $"{loaded}\nskipped {Names.Number((ulong)(outcome.Entries - outcome.Loaded))}:\n{indented}";
    }

    /// <summary>Loads what fits this namespace, pipelined, and tells why each other entry was left out.</summary>
    public static RestoreOutcome Restore(IReflectClient client, SavedTable table, bool replace)
    {
        RestoreNextHops(client, table.NextHops);
        ReflectMode mode = client.GetConfig().Mode;
        Dictionary<string, int> enabled = client.GetInterfaces().Items.ToDictionary(iface => iface.Name, iface => iface.IfIndex, StringComparer.Ordinal);
        var skipped = new List<string>();
        var toLoad = new List<ReflectNewEntry>();
        foreach (SavedEntry entry in table.Entries)
        {
            string? reason = table.Mode != mode
                ? $"saved in {Names.Of(table.Mode)} mode, this namespace is in {Names.Of(mode)} mode"
                : entry.Flags.HasFlag(ReflectEntryFlags.Stale) ? "stale when saved"
                : entry.Interface is null ? "no interface name: the saving host had none for its index"
                : !enabled.ContainsKey(entry.Interface) ? $"interface {entry.Interface} is not enabled here"
                : null;
            if (reason is null)
            {
                toLoad.Add(new ReflectNewEntry(entry.Key, enabled[entry.Interface!], entry.LinkLayerAddress,
                    entry.Flags.HasFlag(ReflectEntryFlags.Static)));
            }
            else
            {
                skipped.Add(reason);
            }
        }

        IReadOnlyList<NetlinkRequestFailure> refused = toLoad.Count == 0 ? [] : client.AddEntries(toLoad, replace);
        CommandFailures.ThrowIfPermissionDenied(refused.Select(failure => failure.Error));
        skipped.AddRange(refused.Select(failure => failure.Error.Errno == EEXIST
            ? "already here (--replace replaces it)"
            : $"refused: {failure.Error.ExtendedAckMessage ?? failure.Error.Message}"));
        return new RestoreOutcome(table.Entries.Count, toLoad.Count - refused.Count,
            [.. skipped.GroupBy(reason => reason).Select(group => (group.Key, group.Count()))]);
    }

    // Names the saved next hops this namespace lacks, on the interfaces it has, so that the
    // entries learned through them stay trusted here.
    private static void RestoreNextHops(IReflectClient client, IReadOnlyList<Apply.DesiredNextHop> saved)
    {
        IReadOnlyList<ReflectNextHop> named = saved.Count == 0 ? [] : client.GetNextHops().Items;
        foreach (Apply.DesiredNextHop nextHop in saved)
        {
            if (NetworkInterfaceNames.IndexOf(nextHop.Interface) is int ifIndex && !named.Contains(nextHop.Address.On(ifIndex)))
            {
                client.AddNextHop(nextHop.Address.On(ifIndex));
            }
        }
    }
}

/// <summary>What <c>restore</c> did: of how many entries it loaded how many, and why it skipped the others, with how many each.</summary>
internal sealed record RestoreOutcome(int Entries, int Loaded, IReadOnlyList<(string Reason, int Entries)> Skipped);
