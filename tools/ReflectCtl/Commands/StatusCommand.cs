// SPDX-License-Identifier: MIT
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Reflect.Netlink;

namespace ReflectCtl.Commands;

/// <summary><c>reflectctl status [--json]</c>: the module version and this namespace's counters.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var command = new Command("status", "Show the module version and the packet counters of this network namespace.")
        {
            json,
        };
        command.SetAction(parseResult => Run(parseResult, parseResult.GetValue(json)));
        return command;
    }

    public static int RunHuman(ParseResult parseResult) => Run(parseResult, json: false);

    /*
        {"version":"1.0.0","counters":{"pre_ipv4":N,"pre_ipv6":N,"out_ipv4":N,"out_ipv6":N}}
    */
    public static string FormatJson(ReflectStatus status) =>
        JsonSerializer.Serialize(StatusDocument.From(status), StatusJsonContext.Default.StatusDocument);

    /*
        version     1.0.0

                      IPv4    IPv6
        PREROUTING      12       3
        LOCAL_OUT        0       0
    */
    public static string FormatTable(ReflectStatus status)
    {
        ReflectCounters c = status.Counters;
        string[][] rows =
        [
            ["", "IPv4", "IPv6"],
            ["PREROUTING", Number(c.PreIpv4), Number(c.PreIpv6)],
            ["LOCAL_OUT", Number(c.OutIpv4), Number(c.OutIpv6)],
        ];
        int labelWidth = rows.Max(row => row[0].Length);
        int numberWidth = rows.Max(row => Math.Max(row[1].Length, row[2].Length));
        IEnumerable<string> lines = rows.Select(row =>
            $"{row[0].PadRight(labelWidth)}  {row[1].PadLeft(numberWidth)}  {row[2].PadLeft(numberWidth)}");
        return $"version  {status.Version}\n\n{string.Join('\n', lines)}";
    }

    private static int Run(ParseResult parseResult, bool json)
    {
        TextWriter output = parseResult.InvocationConfiguration.Output;
        return KernelErrors.Handle(parseResult.InvocationConfiguration.Error, () =>
        {
            using ReflectClient client = ReflectClient.Connect();
            ReflectStatus status = client.GetStatus();
            output.WriteLine(json ? FormatJson(status) : FormatTable(status));
            return ExitCode.Ok;
        });
    }

    private static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The JSON shape of <c>status --json</c>; its field names are a stable interface.</summary>
internal sealed record StatusDocument(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("counters")] CountersDocument Counters)
{
    public static StatusDocument From(ReflectStatus status) => new(
        status.Version,
        new CountersDocument(status.Counters.PreIpv4, status.Counters.PreIpv6, status.Counters.OutIpv4, status.Counters.OutIpv6));
}

internal sealed record CountersDocument(
    [property: JsonPropertyName("pre_ipv4")] ulong PreIpv4,
    [property: JsonPropertyName("pre_ipv6")] ulong PreIpv6,
    [property: JsonPropertyName("out_ipv4")] ulong OutIpv4,
    [property: JsonPropertyName("out_ipv6")] ulong OutIpv6);

[JsonSerializable(typeof(StatusDocument))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
