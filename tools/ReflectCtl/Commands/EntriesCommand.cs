// SPDX-License-Identifier: MIT
using System.CommandLine;
using System.Net;
using Reflect.Netlink;
using ReflectCtl.Arguments;
using ReflectCtl.Output;

namespace ReflectCtl.Commands;

/// <summary>
/// <c>reflectctl entries list [--iface NAME_OR_INDEX] [--local ADDR] [--json]</c> and
/// <c>reflectctl entries flush [--iface NAME_OR_INDEX]</c>.
/// </summary>
internal static class EntriesCommand
{
    public static Command Create(Func<IReflectClient> connect) =>
        new("entries", "Show or drop the learned entries.")
        {
            CreateList(connect),
            CreateFlush(connect),
        };

    /*
        {"entries":[{"family":"inet","local":"192.168.50.10","peer":"10.50.0.100","proto":null,
          "local_port":null,"peer_port":null,"ifindex":2,"iface":"eth0","lladdr":"02:00:00:00:00:02",
          "idle_ms":120,"flags":[],"moves":0,"flaps":0,"packets":42}],"interrupted":false}
        proto and the ports are numbers in flow mode; iface is null for an index this host lacks.
    */
    public static string FormatJson(ReflectDump<ReflectEntry> dump, Func<int, string?> interfaceName) => Json.Object(writer =>
    {
        writer.WriteStartArray("entries");
        foreach (ReflectEntry entry in dump.Items)
        {
            writer.WriteStartObject();
            writer.WriteString("family", Names.Of(entry.Family));
            writer.WriteString("local", entry.Local.ToString());
            writer.WriteString("peer", entry.Peer.ToString());
            writer.WriteNumberOrNull("proto", entry.Protocol);
            writer.WriteNumberOrNull("local_port", entry.LocalPort);
            writer.WriteNumberOrNull("peer_port", entry.PeerPort);
            writer.WriteNumber("ifindex", entry.IfIndex);
            writer.WriteString("iface", interfaceName(entry.IfIndex));
            writer.WriteString("lladdr", Names.Of(entry.LinkLayerAddress));
            writer.WriteNumber("idle_ms", entry.IdleMilliseconds);
            writer.WriteStartArray("flags");
            foreach (string flag in Names.Of(entry.Flags))
            {
                writer.WriteStringValue(flag);
            }

            writer.WriteEndArray();
            writer.WriteNumber("moves", entry.Moves);
            writer.WriteNumber("flaps", entry.Flaps);
            writer.WriteNumber("packets", entry.Packets);
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
        Option<ReflectInterfaceId> iface = InterfaceArgument.CreateOption("Only the entries learned on this interface.");
        Option<IPAddress> local = AddressArguments.CreateLocalOption("Only the entries of this local address.");
        Option<bool> json = ClientCommands.JsonOption();
        var command = new Command("list", "Show the learned entries.") { iface, local, json };
        command.SetClientAction(connect, context =>
        {
            int? ifIndex = context.ParseResult.GetValue(iface) is ReflectInterfaceId id ? InterfaceArgument.ToIndex(id) : null;
            IPAddress? address = context.ParseResult.GetValue(local);
            ReflectDump<ReflectEntry> dump = context.Dump(client => client.GetEntries(ifIndex, address));
            Func<int, string?> interfaceName = Memoize(NetworkInterfaceNames.NameOf);
            context.Output.WriteLine(context.ParseResult.GetValue(json)
                ? FormatJson(dump, interfaceName) : FormatText(dump.Items, interfaceName));
            return ExitCode.Ok;
        });
        return command;
    }

    private static Command CreateFlush(Func<IReflectClient> connect)
    {
        Option<ReflectInterfaceId> iface = InterfaceArgument.CreateOption("Only the entries learned on this interface.");
        var command = new Command("flush", "Drop the learned entries; they are learned again from the next packets.") { iface };
        command.SetClientAction(connect, context =>
        {
            int? ifIndex = context.ParseResult.GetValue(iface) is ReflectInterfaceId id ? InterfaceArgument.ToIndex(id) : null;
            context.Client.Flush(ifIndex);
            return ExitCode.Ok;
        });
        return command;
    }

    // A table of a thousand entries names a handful of interfaces.
    private static Func<int, string?> Memoize(Func<int, string?> lookup)
    {
        var names = new Dictionary<int, string?>();
        return ifIndex => names.TryGetValue(ifIndex, out string? name) ? name : names[ifIndex] = lookup(ifIndex);
    }
}
