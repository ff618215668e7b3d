// SPDX-License-Identifier: MIT
using System.CommandLine;
using System.Text;
using Reflect.Netlink;
using ReflectCtl.Apply;
using ReflectCtl.Arguments;
using ReflectCtl.Output;

namespace ReflectCtl.Commands;

/// <summary>
/// <c>reflectctl apply -f FILE [--dry-run] [--skip-missing] [--json]</c>: makes the kernel's configuration,
/// interfaces, scope prefixes, named next hops and static entries those of a desired-state file (schema in
/// Apply/DesiredStateFile.cs), printing what differs. --skip-missing is for boot (reflect.service),
/// where an interface of the file may not exist yet: a VLAN or bond that networking creates later,
/// whose appearance re-applies (the udev rule beside the unit).
/// </summary>
internal static class ApplyCommand
{
    public static Command Create(Func<IReflectClient> connect, TextReader input)
    {
        Option<string> file = FileArgument.CreateOption($"The desired state, JSON; {DesiredStateFile.EnvironmentPrefix}* environment variables override it.");
        Option<bool> dryRun = new("--dry-run") { Description = "Print the changes, make none." };
        Option<bool> skipMissing = new("--skip-missing")
        {
            Description = "Leave out interfaces this host does not have (yet), with their next hops and entries, " +
                $"naming each on standard error, and exit {ExitCode.Incomplete} if any was left out; apply again once they exist.",
        };
        Option<bool> json = ClientCommands.JsonOption();
        var command = new Command("apply",
            "Make the configuration, interfaces, scope prefixes, named next hops and static entries those of a desired-state file, " +
            "printing each change: + added, - deleted, ~ changed. Parts the file leaves out are left alone; learned entries always are.")
        {
            file, dryRun, skipMissing, json,
        };
        command.SetClientAction(connect, context =>
        {
            string path = context.ParseResult.GetRequiredValue(file);
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(FileArgument.ReadText(path, input)));
            DesiredState desired = DesiredStateFile.Read(stream, path == FileArgument.Standard ? "standard input" : path);
            List<string> missing = context.ParseResult.GetValue(skipMissing)
                ? desired.InterfaceNames.Where(name => NetworkInterfaceNames.IndexOf(name) is null).ToList()
                : [];
            foreach (string name in missing)
            {
                context.Error.WriteLine($"reflectctl: no network interface named '{name}' yet: left out, with its next hops and entries");
            }

            Reconciliation plan = Reconciliation.Plan(context.Client, missing.Count > 0 ? desired.Without(missing) : desired);
            bool dry = context.ParseResult.GetValue(dryRun);
            string shown = context.ParseResult.GetValue(json) ? FormatJson(plan.Changes, dry) : FormatText(plan.Changes);
            if (shown.Length > 0)
            {
                context.Output.WriteLine(shown);
            }

            int status = dry ? ExitCode.Ok : Report(context, plan.Apply(context.Client));
            return status == ExitCode.Ok && missing.Count > 0 ? ExitCode.Incomplete : status;
        });
        return command;
    }

    /*
        {"changes":[{"op":"~","kind":"config","name":"idle_timeout","from":"300","to":"600"},
          {"op":"+","kind":"iface","name":"eth1","from":null,"to":null},
          {"op":"-","kind":"scope","name":"include 10.0.0.0/8","from":null,"to":null},
          {"op":"+","kind":"entry","name":"192.168.50.10 10.50.0.100","from":null,"to":"eth0 02:00:00:00:00:02"}],
         "dry_run":false}
        No change: "changes":[].
    */
    public static string FormatJson(IReadOnlyList<StateChange> changes, bool dryRun) => Json.Object(writer =>
    {
        writer.WriteStartArray("changes");
        foreach (StateChange change in changes)
        {
            writer.WriteStartObject();
            writer.WriteString("op", change.Op.ToString());
            writer.WriteString("kind", change.Kind);
            writer.WriteString("name", change.Name);
            writer.WriteString("from", change.From);
            writer.WriteString("to", change.To);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteBoolean("dry_run", dryRun);
    });

    /*
        ~ config idle_timeout 300 -> 600
        + iface eth1
        - scope include 10.0.0.0/8
        + entry 192.168.50.10 10.50.0.100 eth0 02:00:00:00:00:02
        ~ entry tcp 192.168.50.10:3260 10.50.0.101:51234 eth0 02:00:00:00:00:02 -> eth1 02:00:00:00:00:03
        No change: nothing.
    */
    public static string FormatText(IReadOnlyList<StateChange> changes) =>
        string.Join('\n', changes.Select(change => change.Op switch
        {
            '~' => $"~ {change.Kind} {change.Name} {change.From} -> {change.To}",
            _ => string.Join(' ', new[] { change.Op.ToString(), change.Kind, change.Name, change.From, change.To }.OfType<string>()),
        }));

    private static int Report(CommandContext context, IReadOnlyList<(string Entry, NetlinkException Error)> refused)
    {
        CommandFailures.ThrowIfPermissionDenied(refused.Select(failure => failure.Error));
        foreach ((string entry, NetlinkException error) in refused)
        {
            context.Error.WriteLine($"reflectctl: the kernel refused entry {entry}: {error.ExtendedAckMessage ?? error.Message}");
        }

        return refused.Count == 0 ? ExitCode.Ok : ExitCode.KernelRefused;
    }
}
