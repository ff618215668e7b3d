// SPDX-License-Identifier: MIT
using System.CommandLine;
using System.Net;
using Reflect.Netlink;
using ReflectCtl.Arguments;
using ReflectCtl.Output;

namespace ReflectCtl.Commands;

/// <summary>
/// <c>reflectctl stats [--iface NAME_OR_INDEX | --local ADDR] [--json]</c>: every counter of the
/// namespace, of one interface (from the GET_IFACE dump) or of one local address (GET_LOCAL).
/// <c>reflectctl stats --prometheus</c>: all of them at once, in the Prometheus text format.
/// </summary>
internal static class StatsCommand
{
    public static Command Create(Func<IReflectClient> connect)
    {
        Option<ReflectInterfaceId> iface = InterfaceArgument.CreateOption("The counters of this interface.");
        Option<IPAddress> local = AddressArguments.CreateLocalOption("The counters of this local address (all 0 if never seen).");
        Option<bool> json = ClientCommands.JsonOption();
        Option<bool> prometheus = new("--prometheus")
        {
            Description = "Every counter of the namespace, its interfaces and local addresses in the Prometheus text format (node_exporter's textfile collector).",
        };
        var command = new Command("stats", "Show every counter of this network namespace, an interface or a local address.")
        {
            iface, local, json, prometheus,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(iface) is not null && result.GetResult(local) is not null)
            {
                result.AddError("stats: --iface and --local cannot be combined");
            }

            if (result.GetResult(prometheus) is not null &&
                (result.GetResult(iface) is not null || result.GetResult(local) is not null || result.GetResult(json) is not null))
            {
                result.AddError("stats: --prometheus shows every counter and cannot be combined with --iface, --local or --json");
            }
        });
        command.SetClientAction(connect, context =>
        {
            if (context.ParseResult.GetValue(prometheus))
            {
                context.Output.Write(Prometheus.Format(context.Client.GetStatus(),
                    context.Dump(client => client.GetInterfaces()).Items, context.Dump(client => client.GetLocals()).Items));
                return ExitCode.Ok;
            }

            CounterSource? source = context.ParseResult.GetValue(iface) is ReflectInterfaceId id ? OfInterface(context, id)
                : context.ParseResult.GetValue(local) is IPAddress address ? OfLocal(context, address)
                : new CounterSource(null, null, null, context.Client.GetStatus().Counters);
            if (source is null)
            {
                context.Error.WriteLine($"reflectctl: {context.ParseResult.GetValue(iface)} is not an interface reflect.ko learns on (see 'reflectctl iface list')");
                return ExitCode.Failure;
            }

            context.Output.WriteLine(context.ParseResult.GetValue(json) ? FormatJson(source) : FormatText(source));
            return ExitCode.Ok;
        });
        return command;
    }

    /*
        {"counters":{...}}, {"iface":"eth0","ifindex":2,"counters":{...}} or {"local":"192.168.50.10","counters":{...}}
    */
    public static string FormatJson(CounterSource source) => Json.Object(writer =>
    {
        if (source.Interface is string name)
        {
            writer.WriteString("iface", name);
            writer.WriteNumber("ifindex", source.IfIndex!.Value);
        }

        if (source.Local is IPAddress local)
        {
            writer.WriteString("local", local.ToString());
        }

        writer.WriteCounters(source.Counters);
    });

    /*
        iface eth0 (ifindex 2)       or  local 192.168.50.10, only when filtered
        pre_ipv4          12
        ...
        entries            3
    */
    public static string FormatText(CounterSource source)
    {
        TextTable table = TextTable.KeyValue();
        foreach (ReflectCounter counter in ReflectCounters.All)
        {
            table.Add(Names.Of(counter), Names.Number(source.Counters[counter]));
        }

        string? heading = source.Interface is not null ? $"iface {source.Interface} (ifindex {source.IfIndex})"
            : source.Local is not null ? $"local {source.Local}" : null;
        return heading is null ? table.Format(headings: false) : $"{heading}\n{table.Format(headings: false)}";
    }

    private static CounterSource? OfInterface(CommandContext context, ReflectInterfaceId id)
    {
        ReflectInterface? iface = context.Dump(client => client.GetInterfaces()).Items
            .FirstOrDefault(iface => iface.IfIndex == id.Index || iface.Name == id.Name);
        return iface is null ? null : new CounterSource(iface.Name, iface.IfIndex, null, iface.Counters);
    }

    private static CounterSource OfLocal(CommandContext context, IPAddress address)
    {
        ReflectLocal? local = context.Dump(client => client.GetLocals()).Items.FirstOrDefault(local => local.Address.Equals(address));
        return new CounterSource(null, null, address, local?.Counters ?? ReflectCounters.Zero);
    }
}

/// <summary>Whose counters <c>stats</c> shows: the namespace's, an interface's or a local address's.</summary>
internal sealed record CounterSource(string? Interface, int? IfIndex, IPAddress? Local, ReflectCounters Counters);
