// SPDX-License-Identifier: MIT
using System.CommandLine;
using Reflect.Netlink;
using ReflectCtl.Arguments;
using ReflectCtl.Output;

namespace ReflectCtl.Commands;

/// <summary><c>reflectctl iface add|del NAME_OR_INDEX</c> and <c>reflectctl iface list [--json]</c>.</summary>
internal static class IfaceCommand
{
    private static readonly ReflectCounter[] ListedCounters =
    [
        ReflectCounter.Learned, ReflectCounter.Moved, ReflectCounter.Flaps,
        ReflectCounter.ReflectedPackets, ReflectCounter.ReflectedBytes,
    ];

    public static Command Create(Func<IReflectClient> connect) =>
        new("iface", "Choose the interfaces reflect.ko learns on.")
        {
            CreateChange("add", "Learn on an interface.", connect, (client, id) => client.AddInterface(id)),
            CreateChange("del", "Stop learning on an interface and drop its entries.", connect, (client, id) => client.DeleteInterface(id)),
            CreateList(connect),
        };

    /*
        {"interfaces":[{"ifindex":2,"name":"eth0","counters":{"pre_ipv4":0,...}}]}
    */
    public static string FormatJson(IReadOnlyList<ReflectInterface> interfaces) => Json.Object(writer =>
    {
        writer.WriteStartArray("interfaces");
        foreach (ReflectInterface iface in interfaces)
        {
            writer.WriteStartObject();
            writer.WriteNumber("ifindex", iface.IfIndex);
            writer.WriteString("name", iface.Name);
            writer.WriteCounters(iface.Counters);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    /*
        IFINDEX  NAME  LEARNED  MOVED  FLAPS  REFLECTED_PACKETS  REFLECTED_BYTES
              2  eth0       12      0      0                 42             4200
    */
    public static string FormatText(IReadOnlyList<ReflectInterface> interfaces)
    {
        var table = new TextTable(
        [
            new Column("IFINDEX", AlignRight: true), new Column("NAME"),
            .. ListedCounters.Select(counter => new Column(Names.Of(counter).ToUpperInvariant(), AlignRight: true)),
        ]);
        foreach (ReflectInterface iface in interfaces)
        {
            table.Add([Names.Number((ulong)iface.IfIndex), iface.Name, .. ListedCounters.Select(counter => Names.Number(iface.Counters[counter]))]);
        }

        return table.Format();
    }

    private static Command CreateChange(string name, string description, Func<IReflectClient> connect,
        Action<IReflectClient, ReflectInterfaceId> change)
    {
        Argument<ReflectInterfaceId> target = InterfaceArgument.Create("The interface: its index if all digits, else its name.");
        var command = new Command(name, description) { target };
        command.SetClientAction(connect, context =>
        {
            change(context.Client, context.ParseResult.GetRequiredValue(target));
            return ExitCode.Ok;
        });
        return command;
    }

    private static Command CreateList(Func<IReflectClient> connect)
    {
        Option<bool> json = ClientCommands.JsonOption();
        var command = new Command("list", "Show the interfaces reflect.ko learns on, with their counters.") { json };
        command.SetClientAction(connect, context =>
        {
            IReadOnlyList<ReflectInterface> interfaces = context.Dump(client => client.GetInterfaces()).Items;
            context.Output.WriteLine(context.ParseResult.GetValue(json) ? FormatJson(interfaces) : FormatText(interfaces));
            return ExitCode.Ok;
        });
        return command;
    }
}
