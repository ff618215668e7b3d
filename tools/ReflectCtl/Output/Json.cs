// SPDX-License-Identifier: MIT
using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Reflect.Netlink;
using ReflectCtl.Arguments;

namespace ReflectCtl.Output;

/// <summary>
/// The <c>--json</c> documents: one object per command, on one line, with snake_case keys
/// that scripts read, so their names and shapes are a stable interface.
/// </summary>
internal static class Json
{
    // Interface names and addresses appear verbatim, as a script greps for them.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Object(Action<Utf8JsonWriter> writeProperties)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary><c>"counters":{"pre_ipv4":N,...}</c>: every counter, in the order of reflect.h.</summary>
    public static void WriteCounters(this Utf8JsonWriter writer, ReflectCounters counters)
    {
        writer.WriteStartObject("counters");
        foreach (ReflectCounter counter in ReflectCounters.All)
        {
            writer.WriteNumber(Names.Of(counter), counters[counter]);
        }

        writer.WriteEndObject();
    }

    /// <summary>Every config key with its value, as <c>config set</c> takes them, into the current object.</summary>
    public static void WriteConfigProperties(this Utf8JsonWriter writer, ReflectConfig config)
    {
        foreach (ConfigKey key in ConfigKeys.All)
        {
            switch (key.Read(config))
            {
                case bool flag:
                    writer.WriteBoolean(key.Name, flag);
                    break;
                case uint number:
                    writer.WriteNumber(key.Name, number);
                    break;
                case var text:
                    writer.WriteString(key.Name, text.ToString());
                    break;
            }
        }
    }

    /*
        "family":"inet","local":"192.168.50.10","peer":"10.50.0.100","proto":null,"local_port":null,
        "peer_port":null,"ifindex":2,"iface":"eth0","lladdr":"02:00:00:00:00:02","idle_ms":120,
        "flags":[],"moves":0,"flaps":0,"packets":42,"domain":0
        proto and the ports are numbers in flow mode; iface is null for an index this host lacks;
        domain is the ifindex of an IPv6 link-local peer's link or of the interface's VRF, else 0.
    */

    /// <summary>An entry's properties, as entries list and monitor show it, into the current object.</summary>
    public static void WriteEntryProperties(this Utf8JsonWriter writer, ReflectEntry entry, Func<int, string?> interfaceName)
    {
        writer.WriteEntryKeyProperties(entry);
        writer.WriteNumber("ifindex", entry.IfIndex);
        writer.WriteString("iface", interfaceName(entry.IfIndex));
        writer.WriteString("lladdr", Names.Of(entry.LinkLayerAddress));
        writer.WriteNumber("idle_ms", entry.IdleMilliseconds);
        writer.WriteFlags(entry.Flags);
        writer.WriteNumber("moves", entry.Moves);
        writer.WriteNumber("flaps", entry.Flaps);
        writer.WriteNumber("packets", entry.Packets);
        writer.WriteNumber("domain", entry.Domain);
    }

    /// <summary>"family", "local", "peer", "proto", "local_port", "peer_port": the key, named as in entries list.</summary>
    public static void WriteEntryKeyProperties(this Utf8JsonWriter writer, ReflectEntry entry)
    {
        writer.WriteString("family", Names.Of(entry.Family));
        writer.WriteString("local", entry.Local.ToString());
        writer.WriteString("peer", entry.Peer.ToString());
        writer.WriteNumberOrNull("proto", entry.Protocol);
        writer.WriteNumberOrNull("local_port", entry.LocalPort);
        writer.WriteNumberOrNull("peer_port", entry.PeerPort);
    }

    /// <summary><c>"flags":["static","stale"]</c>.</summary>
    public static void WriteFlags(this Utf8JsonWriter writer, ReflectEntryFlags flags)
    {
        writer.WriteStartArray("flags");
        foreach (string flag in Names.Of(flags))
        {
            writer.WriteStringValue(flag);
        }

        writer.WriteEndArray();
    }

    public static void WriteNumberOrNull(this Utf8JsonWriter writer, string name, uint? value)
    {
        if (value is uint number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
