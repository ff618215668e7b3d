// SPDX-License-Identifier: MIT
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Text.Json;
using Reflect.Netlink;
using ReflectCtl.Arguments;
using ReflectCtl.Output;

namespace ReflectCtl.Snapshot;

/*
    The file save writes and restore reads, one JSON object:

    {"version":"0.1.0","mode":"peer","saved_at":"2025-11-21T09:30:00.0000000+00:00",
     "entries":[{"family":"inet","local":"192.168.50.10","peer":"10.50.0.100","proto":null,
       "local_port":null,"peer_port":null,"iface":"eth0","lladdr":"02:00:00:00:00:02",
       "flags":["static"],"idle_ms":120}],
     "nexthops":[{"iface":"eth0","address":"192.168.50.2","lladdr":null}]}

    The entry fields are named as entries list --json names them; iface is a name (null if the
    saving host had none for the index), flags "static" and "stale" (others are kept as hex
    and ignored). nexthops are the named trusted next hops as nexthop list --json shows them
    (one of address and lladdr null; a file without the list names none). Fields a later
    reflectctl adds are ignored.
*/

/// <summary>Writes and reads the saved-table file, its values parsed as the command line parses them.</summary>
internal static class SavedTableFile
{
    public static string Write(ReflectStatus status, IReadOnlyList<ReflectEntry> entries, IReadOnlyList<ReflectNextHop> nextHops,
        Func<int, string?> interfaceName, DateTimeOffset savedAt) => Json.Object(writer =>
    {
        writer.WriteString("version", status.Version);
        writer.WriteString("mode", Names.Of(status.Config.Mode));
        writer.WriteString("saved_at", savedAt.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteStartArray("entries");
        foreach (ReflectEntry entry in entries)
        {
            writer.WriteStartObject();
            writer.WriteEntryKeyProperties(entry);
            writer.WriteString("iface", interfaceName(entry.IfIndex));
            writer.WriteString("lladdr", Names.Of(entry.LinkLayerAddress));
            writer.WriteFlags(entry.Flags);
            writer.WriteNumber("idle_ms", entry.IdleMilliseconds);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("nexthops");
        foreach (ReflectNextHop nextHop in nextHops)
        {
            writer.WriteStartObject();
            writer.WriteString("iface", interfaceName(nextHop.IfIndex));
            writer.WriteString("address", nextHop.Address?.ToString());
            writer.WriteString("lladdr", nextHop.LinkLayerAddress is { } mac ? Names.Of(mac) : null);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    /// <exception cref="UsageException">Not such a file; the message says where and what is wrong.</exception>
    public static SavedTable Read(string text, string source)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            return new Reader(source).Table(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new UsageException($"{source}: not JSON: {e.Message}");
        }
    }

    private sealed class Reader(string source)
    {
        public SavedTable Table(JsonElement root)
        {
            Require(root, JsonValueKind.Object, "the top level", "an object with version, mode, saved_at and entries");
            string version = String(root, "version", "");
            ReflectMode mode = Parse<ReflectMode>(root, "mode", "", ConfigKeys.TryParseMode);
            DateTimeOffset savedAt = Parse<DateTimeOffset>(root, "saved_at", "", TryParseTime);
            JsonElement entries = Property(root, "entries", "");
            Require(entries, JsonValueKind.Array, "entries", "a list");
            List<Apply.DesiredNextHop> nextHops = [];
            if (root.TryGetProperty("nexthops", out JsonElement named))
            {
                Require(named, JsonValueKind.Array, "nexthops", "a list");
                nextHops = named.EnumerateArray().Select((nextHop, i) => NextHop(nextHop, $"nexthops[{i}]"))
                    .OfType<Apply.DesiredNextHop>().ToList();
            }

            return new SavedTable(version, mode, savedAt, entries.EnumerateArray().Select((entry, i) => Entry(entry, $"entries[{i}]")).ToList(),
                nextHops);
        }

        // Null for one whose interface the saving host had no name for.
        private Apply.DesiredNextHop? NextHop(JsonElement nextHop, string path)
        {
            Require(nextHop, JsonValueKind.Object, path, "an object");
            if (Property(nextHop, "iface", path).ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            string name = Parse<ReflectInterfaceId>(nextHop, "iface", path, InterfaceArgument.TryParseName).Name!;
            string field = Property(nextHop, "address", path).ValueKind == JsonValueKind.Null ? "lladdr" : "address";
            return new Apply.DesiredNextHop(name, Parse<NextHopAddress>(nextHop, field, path, NextHopArgument.TryParse));
        }

        private SavedEntry Entry(JsonElement entry, string path)
        {
            Require(entry, JsonValueKind.Object, path, "an object");
            IPAddress local = Parse<IPAddress>(entry, "local", path, AddressArguments.TryParseAddress);
            IPAddress peer = Parse<IPAddress>(entry, "peer", path, AddressArguments.TryParseAddress);
            if (local.AddressFamily != peer.AddressFamily)
            {
                throw Error(path, $"the peer {peer} and the local address {local} are of different families");
            }

            bool hasFlow = entry.TryGetProperty("proto", out JsonElement proto) && proto.ValueKind != JsonValueKind.Null;
            ReflectFlow? flow = hasFlow
                ? new ReflectFlow(Parse<byte>(entry, "proto", path, FlowArguments.TryParseProtocol),
                    Parse<ushort>(entry, "local_port", path, FlowArguments.TryParsePort),
                    Parse<ushort>(entry, "peer_port", path, FlowArguments.TryParsePort))
                : null;
            JsonElement iface = Property(entry, "iface", path);
            string? name = iface.ValueKind == JsonValueKind.Null ? null
                : Parse<ReflectInterfaceId>(entry, "iface", path, InterfaceArgument.TryParseName).Name;
            return new SavedEntry(new ReflectEntryKey(local, peer, flow), name,
                Parse<PhysicalAddress>(entry, "lladdr", path, LinkLayerAddressArgument.TryParse),
                Flags(Property(entry, "flags", path), $"{path}.flags"),
                entry.TryGetProperty("idle_ms", out JsonElement idle) && idle.TryGetUInt32(out uint ms) ? ms : 0);
        }

        private ReflectEntryFlags Flags(JsonElement flags, string path)
        {
            Require(flags, JsonValueKind.Array, path, "a list");
            return flags.EnumerateArray().Aggregate(ReflectEntryFlags.None, (all, flag) => all | flag.GetString() switch
            {
                "static" => ReflectEntryFlags.Static,
                "stale" => ReflectEntryFlags.Stale,
                _ => ReflectEntryFlags.None,
            });
        }

        private T Parse<T>(JsonElement parent, string name, string path, TokenParser<T> parse)
        {
            string where = path.Length == 0 ? name : $"{path}.{name}";
            JsonElement value = Property(parent, name, path);
            string text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
            return parse(text, out T? parsed, out string? error) ? parsed : throw Error(where, error);
        }

        private string String(JsonElement parent, string name, string path)
        {
            JsonElement value = Property(parent, name, path);
            return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error(name, "must be a string");
        }

        private JsonElement Property(JsonElement parent, string name, string path) =>
            parent.TryGetProperty(name, out JsonElement value) ? value
                : throw Error(path.Length == 0 ? "the top level" : path, $"lacks {name}");

        private void Require(JsonElement element, JsonValueKind kind, string path, string what)
        {
            if (element.ValueKind != kind)
            {
                throw Error(path, $"must be {what}");
            }
        }

        private UsageException Error(string path, string problem) => new($"{source}: {path}: {problem}");

        private static bool TryParseTime(string token, out DateTimeOffset time, [NotNullWhen(false)] out string? error)
        {
            bool valid = DateTimeOffset.TryParse(token, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out time);
            error = valid ? null : $"'{token}' is not a time, e.g. 2025-11-21T09:30:00Z";
            return valid;
        }
    }
}
