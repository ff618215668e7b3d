// SPDX-License-Identifier: MIT
using System.CommandLine;
using System.Net.NetworkInformation;
using Reflect.Netlink;
using ReflectCtl.Arguments;
using ReflectCtl.Output;

namespace ReflectCtl.Commands;

/// <summary>
/// <c>reflectctl entries list [FILTER] [--json]</c>, <c>entries flush [FILTER]</c>,
/// <c>entries add PEER --local ADDR --iface NAME_OR_INDEX --lladdr MAC [--static] [--replace] [FLOW]</c>
/// and <c>entries del PEER --local ADDR [FLOW]</c>, where FILTER is
/// <c>[--iface NAME_OR_INDEX] [--local ADDR] [--peer ADDR_OR_PREFIX] [--static]</c> and FLOW
/// <c>--proto tcp|udp|sctp|N --local-port PORT --peer-port PORT</c>.
/// </summary>
internal static class EntriesCommand
{
    public static Command Create(Func<IReflectClient> connect) =>
        new("entries", "Show, add or drop entries: the peers' learned (or static) next hops.")
        {
            CreateList(connect),
            CreateFlush(connect),
            CreateAdd(connect),
            CreateDelete(connect),
        };

    /*
        {"entries":[{"family":"inet","local":"192.168.50.10","peer":"10.50.0.100","proto":null,
          "local_port":null,"peer_port":null,"ifindex":2,"iface":"eth0","lladdr":"02:00:00:00:00:02",
          "idle_ms":120,"flags":[],"moves":0,"flaps":0,"packets":42}],"interrupted":false}
        Each entry as Json.WriteEntryProperties draws it.
    */
    public static string FormatJson(ReflectDump<ReflectEntry> dump, Func<int, string?> interfaceName) => Json.Object(writer =>
    {
        writer.WriteStartArray("entries");
        foreach (ReflectEntry entry in dump.Items)
        {
            writer.WriteStartObject();
            writer.WriteEntryProperties(entry, interfaceName);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteBoolean("interrupted", dump.Interrupted);
    });

    /*
        LOCAL          PEER         PROTO  IFACE  LLADDR             IDLE_MS  FLAGS  MOVES  FLAPS  PACKETS
        192.168.50.10  10.50.0.100  -      eth0   02:00:00:00:00:02      120  -          0      0       42
        In flow mode LOCAL and PEER carry their ports: 192.168.50.10:3260, [fd50::10]:3260.
    */
    public static string FormatText(IReadOnlyList<ReflectEntry> entries, Func<int, string?> interfaceName)
    {
        var table = new TextTable(
            new Column("LOCAL"), new Column("PEER"), new Column("PROTO"), new Column("IFACE"), new Column("LLADDR"),
            new Column("IDLE_MS", AlignRight: true), new Column("FLAGS"), new Column("MOVES", AlignRight: true),
            new Column("FLAPS", AlignRight: true), new Column("PACKETS", AlignRight: true));
        foreach (ReflectEntry entry in entries)
        {
            string flags = string.Join(',', Names.Of(entry.Flags));
            table.Add(
                Names.OfEndpoint(entry.Local, entry.LocalPort),
                Names.OfEndpoint(entry.Peer, entry.PeerPort),
                entry.Protocol is byte protocol ? Names.OfProtocol(protocol) : "-",
                interfaceName(entry.IfIndex) ?? Names.Number((ulong)entry.IfIndex),
                Names.Of(entry.LinkLayerAddress),
                Names.Number(entry.IdleMilliseconds),
                flags.Length == 0 ? "-" : flags,
                Names.Number(entry.Moves),
                Names.Number(entry.Flaps),
                Names.Number(entry.Packets));
        }

        return table.Format();
    }

    private static Command CreateList(Func<IReflectClient> connect)
    {
        var filter = new EntryFilterArguments();
        Option<bool> json = ClientCommands.JsonOption();
        var command = new Command("list", "Show the entries, all or those the filter options match.");
        filter.AddTo(command);
        command.Add(json);
        command.SetClientAction(connect, context =>
        {
            ReflectEntryFilter matching = filter.Read(context.ParseResult);
            ReflectDump<ReflectEntry> dump = context.Dump(client => client.GetEntries(matching));
            Func<int, string?> interfaceName = Names.InterfaceLookup();
            context.Output.WriteLine(context.ParseResult.GetValue(json)
                ? FormatJson(dump, interfaceName) : FormatText(dump.Items, interfaceName));
            return ExitCode.Ok;
        });
        return command;
    }

    private static Command CreateFlush(Func<IReflectClient> connect)
    {
        var filter = new EntryFilterArguments();
        var command = new Command("flush",
            "Drop the entries, all (static ones too) or those the filter options match; learned ones come back with the next packets.");
        filter.AddTo(command);
        command.SetClientAction(connect, context =>
        {
            context.Client.Flush(filter.Read(context.ParseResult));
            return ExitCode.Ok;
        });
        return command;
    }

    private static Command CreateAdd(Func<IReflectClient> connect)
    {
        var key = new EntryKeyArguments();
        Option<ReflectInterfaceId> iface = InterfaceArgument.CreateOption("The interface replies leave by: one reflection is enabled on.");
        Option<PhysicalAddress> lladdr = LinkLayerAddressArgument.CreateOption("The next hop's MAC address, e.g. the client's router.");
        Option<bool> isStatic = new("--static") { Description = "Pin the entry: never aged, moved or evicted. Without it, it is as if just learned." };
        Option<bool> replace = new("--replace") { Description = "Replace the next hop and flags of an entry of this key, which is otherwise an error." };
        iface.Required = true;
        lladdr.Required = true;
        var command = new Command("add", "Add an entry: reflect replies to PEER from the local address through this interface and next hop.");
        key.AddTo(command);
        command.Add(iface);
        command.Add(lladdr);
        command.Add(isStatic);
        command.Add(replace);
        command.SetClientAction(connect, context =>
        {
            ParseResult parsed = context.ParseResult;
            var entry = new ReflectNewEntry(key.Read(parsed), InterfaceArgument.ToIndex(parsed.GetRequiredValue(iface)),
                parsed.GetRequiredValue(lladdr), parsed.GetValue(isStatic));
            context.Client.AddEntry(entry, parsed.GetValue(replace));
            return ExitCode.Ok;
        });
        return command;
    }

    private static Command CreateDelete(Func<IReflectClient> connect)
    {
        var key = new EntryKeyArguments();
        var command = new Command("del", "Drop the entry of this key, learned or static.");
        key.AddTo(command);
        command.SetClientAction(connect, context =>
        {
            context.Client.DeleteEntry(key.Read(context.ParseResult));
            return ExitCode.Ok;
        });
        return command;
    }
}
