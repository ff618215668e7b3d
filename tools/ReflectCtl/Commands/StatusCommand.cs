// SPDX-License-Identifier: MIT
using System.CommandLine;
using Reflect.Netlink;
using ReflectCtl.Output;

namespace ReflectCtl.Commands;

/// <summary><c>reflectctl [status [--json]]</c>: the module version, key counters and the configuration.</summary>
internal static class StatusCommand
{
    // The counters worth a glance; `reflectctl stats` shows them all.
    private static readonly ReflectCounter[] KeyCounters =
    [
        ReflectCounter.Learned, ReflectCounter.Moved, ReflectCounter.Flaps, ReflectCounter.ReflectedPackets,
        ReflectCounter.ReflectedBytes, ReflectCounter.Miss, ReflectCounter.TableFull,
    ];

    // Packets routed normally, whatever the reason: shown as one "fallback" sum of every counter
    // named fb_*, so a reason the module adds is in the sum as soon as ReflectCounter has it.
    private static readonly ReflectCounter[] FallbackCounters =
        [.. ReflectCounters.All.Where(counter => Names.Of(counter).StartsWith("fb_", StringComparison.Ordinal))];

    public static Command Create(Func<IReflectClient> connect)
    {
        Option<bool> json = ClientCommands.JsonOption();
        var command = new Command("status", "Show the module version, the key counters and the configuration of this network namespace.")
        {
            json,
        };
        command.SetClientAction(connect, context => Run(context, context.ParseResult.GetValue(json)));
        return command;
    }

    public static int RunText(CommandContext context) => Run(context, json: false);

    /*
        {"version":"0.1.0","counters":{"pre_ipv4":N,...,"entries":N},"config":{"enabled":true,...}}
    */
    public static string FormatJson(ReflectStatus status) => Json.Object(writer =>
    {
        writer.WriteString("version", status.Version);
        writer.WriteCounters(status.Counters);
        writer.WriteStartObject("config");
        writer.WriteConfigProperties(status.Config);
        writer.WriteEndObject();
    });

    /*
        reflect 0.1.0: enabled, peer mode, 12 of 65536 entries

                   IPv4  IPv6
        LOCAL_IN     12     3
        LOCAL_OUT     0     0

        learned             5
        ...
        fallback            7
    */
    public static string FormatText(ReflectStatus status)
    {
        ReflectCounters c = status.Counters;
        string summary = $"reflect {status.Version}: {(status.Config.Enabled ? "enabled" : "disabled")}, " +
            $"{Names.Of(status.Config.Mode)} mode, {Names.Number(c[ReflectCounter.Entries])} of {Names.Number(status.Config.MaxEntries)} entries";
        string hooks = new TextTable(new Column(""), new Column("IPv4", AlignRight: true), new Column("IPv6", AlignRight: true))
            .Add("LOCAL_IN", Names.Number(c[ReflectCounter.PreIpv4]), Names.Number(c[ReflectCounter.PreIpv6]))
            .Add("LOCAL_OUT", Names.Number(c[ReflectCounter.OutIpv4]), Names.Number(c[ReflectCounter.OutIpv6]))
            .Format();
        TextTable counters = TextTable.KeyValue();
        foreach (ReflectCounter counter in KeyCounters)
        {
            counters.Add(Names.Of(counter), Names.Number(c[counter]));
        }

        counters.Add("fallback", Names.Number(FallbackCounters.Aggregate(0UL, (sum, counter) => sum + c[counter])));
        return $"{summary}\n\n{hooks}\n\n{counters.Format(headings: false)}";
    }

    private static int Run(CommandContext context, bool json)
    {
        ReflectStatus status = context.Client.GetStatus();
        context.Output.WriteLine(json ? FormatJson(status) : FormatText(status));
        return ExitCode.Ok;
    }
}
