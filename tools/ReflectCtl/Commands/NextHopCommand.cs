// SPDX-License-Identifier: MIT
using System.CommandLine;
using Reflect.Netlink;
using ReflectCtl.Arguments;
using ReflectCtl.Output;

namespace ReflectCtl.Commands;

/// <summary><c>reflectctl nexthop add|del IFACE ADDRESS|MAC</c> and <c>reflectctl nexthop list [--json]</c>.</summary>
internal static class NextHopCommand
{
    public static Command Create(Func<IReflectClient> connect) =>
        new("nexthop",
            "Name the routers peers may be learned through, beside the routing tables' gateways (learn=trusted, the default).")
        {
            CreateChange("add", "Trust a router on an interface, by its address on that link or by its MAC address.", connect,
                (client, nextHop) => client.AddNextHop(nextHop)),
            CreateChange("del", "Stop trusting a named router; entries learned through it are routed from then on.", connect,
                (client, nextHop) => client.DeleteNextHop(nextHop)),
            CreateList(connect),
        };

    /*
        {"nexthops":[{"ifindex":2,"iface":"eth0","address":"192.168.50.2","lladdr":null}]}
        iface is null for an index this host lacks; one of address and lladdr is null.
    */
    public static string FormatJson(IReadOnlyList<ReflectNextHop> nextHops, Func<int, string?> interfaceName) => Json.Object(writer =>
    {
        writer.WriteStartArray("nexthops");
        foreach (ReflectNextHop nextHop in nextHops)
        {
            writer.WriteStartObject();
            writer.WriteNumber("ifindex", nextHop.IfIndex);
            writer.WriteString("iface", interfaceName(nextHop.IfIndex));
            writer.WriteString("address", nextHop.Address?.ToString());
            writer.WriteString("lladdr", nextHop.LinkLayerAddress is { } mac ? Names.Of(mac) : null);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    /*
        IFACE  NEXT HOP
        eth0   192.168.50.2
        eth1   02:00:00:00:00:02
    */
    public static string FormatText(IReadOnlyList<ReflectNextHop> nextHops, Func<int, string?> interfaceName)
    {
        var table = new TextTable(new Column("IFACE"), new Column("NEXT HOP"));
        foreach (ReflectNextHop nextHop in nextHops)
        {
            table.Add(interfaceName(nextHop.IfIndex) ?? Names.Number((ulong)nextHop.IfIndex), Show(nextHop));
        }

        return table.Format();
    }

    /// <summary>"192.168.50.2" or "02:00:00:00:00:02".</summary>
    public static string Show(ReflectNextHop nextHop) =>
        nextHop.Address?.ToString() ?? Names.Of(nextHop.LinkLayerAddress!);

    private static Command CreateChange(string name, string description, Func<IReflectClient> connect,
        Action<IReflectClient, ReflectNextHop> change)
    {
        Argument<ReflectInterfaceId> iface = InterfaceArgument.Create("The interface the router is reached on.");
        Argument<NextHopAddress> address = NextHopArgument.Create("The router's address on that link, or its MAC address.");
        var command = new Command(name, description) { iface, address };
        command.SetClientAction(connect, context =>
        {
            int ifIndex = InterfaceArgument.ToIndex(context.ParseResult.GetValue(iface)!);
            change(context.Client, context.ParseResult.GetValue(address)!.On(ifIndex));
            return ExitCode.Ok;
        });
        return command;
    }

    private static Command CreateList(Func<IReflectClient> connect)
    {
        Option<bool> json = ClientCommands.JsonOption();
        var command = new Command("list", "Show the named next hops (the routing tables' gateways are trusted too, without a name).") { json };
        command.SetClientAction(connect, context =>
        {
            IReadOnlyList<ReflectNextHop> nextHops = context.Dump(client => client.GetNextHops()).Items;
            Func<int, string?> interfaceName = Names.InterfaceLookup();
            context.Output.WriteLine(context.ParseResult.GetValue(json)
                ? FormatJson(nextHops, interfaceName) : FormatText(nextHops, interfaceName));
            return ExitCode.Ok;
        });
        return command;
    }
}
