// SPDX-License-Identifier: MIT
using System.CommandLine;
using Reflect.Netlink;
using ReflectCtl.Arguments;
using ReflectCtl.Output;

namespace ReflectCtl.Commands;

/// <summary>
/// <c>reflectctl monitor [--json] [--count N] [--timeout SECONDS]</c>: the events group,
/// one line per event, until Ctrl-C, N events, or the timeout.
/// </summary>
internal static class MonitorCommand
{
    public static Command Create(Func<IReflectClient> connect)
    {
        Option<bool> json = ClientCommands.JsonOption("Print one JSON object per event, one a line.");
        Option<int> count = NumberArguments.CreateCountOption("--count", "Stop after N events (lost-event notices do not count).");
        Option<TimeSpan> timeout = NumberArguments.CreateSecondsOption("--timeout", "Stop after this many seconds.");
        var command = new Command("monitor",
            "Show entries as they are learned, moved, refused a move (flap), expired or evicted, until Ctrl-C. " +
            "Events are announced at most event_rate a second (config set event_rate=N); a gap says how many were lost.")
        {
            json, count, timeout,
        };
        command.SetClientAction(connect, context =>
        {
            ParseResult parsed = context.ParseResult;
            return Run(context, parsed.GetValue(json), parsed.GetResult(count) is null ? null : parsed.GetValue(count),
                parsed.GetResult(timeout) is null ? null : parsed.GetValue(timeout));
        });
        return command;
    }

    /*
        {"event":"learn","lost":0,"entry":{...}}        an event; entry as in entries list --json,
                                                          lost: events not announced before this one
        {"event":"overrun","lost":null,"entry":null}     this listener read too slowly: the kernel
                                                          dropped an unknown number of events
        event is learn, move, flap, expire or evict (a later module's type by number).
    */
    public static string FormatJson(ReflectNotification notification, Func<int, string?> interfaceName) => Json.Object(writer =>
    {
        if (notification is ReflectEvent reflectEvent)
        {
            writer.WriteString("event", Names.Of(reflectEvent.Type));
            writer.WriteNumber("lost", reflectEvent.EventsLost);
            writer.WriteStartObject("entry");
            writer.WriteEntryProperties(reflectEvent.Entry, interfaceName);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteString("event", "overrun");
            writer.WriteNull("lost");
            writer.WriteNull("entry");
        }
    });

    /*
        learn   192.168.50.10 10.50.0.100 via eth0 02:00:00:00:00:02
        move    tcp 192.168.50.10:3260 10.50.0.100:51234 via eth1 02:00:00:00:00:03 static (3 events lost before it)
        overrun: events lost, this listener read too slowly
    */
    public static string FormatText(ReflectNotification notification, Func<int, string?> interfaceName)
    {
        if (notification is not ReflectEvent reflectEvent)
        {
            return "overrun: events lost, this listener read too slowly";
        }

        ReflectEntry entry = reflectEvent.Entry;
        string flags = string.Join(',', Names.Of(entry.Flags));
        return $"{Names.Of(reflectEvent.Type),-7} {Names.Of(entry.Key)} via " +
            $"{interfaceName(entry.IfIndex) ?? Names.Number((ulong)entry.IfIndex)} {Names.Of(entry.LinkLayerAddress)}" +
            (flags.Length == 0 ? "" : $" {flags}") +
            (reflectEvent.EventsLost == 0 ? "" : $" ({Names.Number(reflectEvent.EventsLost)} events lost before it)");
    }

    private static int Run(CommandContext context, bool json, int? count, TimeSpan? timeout)
    {
        using var stop = new StopSignals();
        Func<int, string?> interfaceName = Names.InterfaceLookup();
        int events = 0;
        foreach (ReflectNotification notification in context.Client.ReadEvents(timeout, stop.Token))
        {
            context.Output.WriteLine(json ? FormatJson(notification, interfaceName) : FormatText(notification, interfaceName));
            events += notification is ReflectEvent ? 1 : 0;
            if (events == count)
            {
                return ExitCode.Ok;
            }
        }

        if (count is null || stop.Token.IsCancellationRequested)
        {
            return ExitCode.Ok;
        }

        context.Error.WriteLine($"reflectctl: monitor: {events} of {count} events arrived within {timeout!.Value.TotalSeconds:0.###} s");
        return ExitCode.Incomplete;
    }
}
