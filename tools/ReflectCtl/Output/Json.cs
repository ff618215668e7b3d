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
