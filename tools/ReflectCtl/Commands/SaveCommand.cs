// SPDX-License-Identifier: MIT
using System.CommandLine;
using Reflect.Netlink;
using ReflectCtl.Arguments;
using ReflectCtl.Output;
using ReflectCtl.Snapshot;

namespace ReflectCtl.Commands;

/// <summary>
/// <c>reflectctl save -f FILE</c>: the table, with interfaces by name, the module version and
/// mode, for <c>restore</c> on a standby (file layout in Snapshot/SavedTableFile.cs).
/// </summary>
internal static class SaveCommand
{
    public static Command Create(Func<IReflectClient> connect)
    {
        Option<string> file = FileArgument.CreateOption("Where to write the table, JSON, replacing the file whole.");
        var command = new Command("save",
            "Save the entries, learned and static, and the named next hops, for 'restore' on another node or namespace: " +
            "a standby that takes over with them reflects at once.")
        {
            file,
        };
        command.SetClientAction(connect, context =>
        {
            string path = context.ParseResult.GetRequiredValue(file);
            ReflectStatus status = context.Client.GetStatus();
            IReadOnlyList<ReflectEntry> entries = context.Dump(client => client.GetEntries()).Items;
            IReadOnlyList<ReflectNextHop> nextHops = context.Dump(client => client.GetNextHops()).Items;
            FileArgument.WriteText(path, SavedTableFile.Write(status, entries, nextHops, Names.InterfaceLookup(), DateTimeOffset.UtcNow),
                context.Output);
            if (path != FileArgument.Standard)
            {
                context.Output.WriteLine($"saved {Names.Number((ulong)entries.Count)} entries ({Names.Of(status.Config.Mode)} mode) to {path}");
            }

            return ExitCode.Ok;
        });
        return command;
    }
}
