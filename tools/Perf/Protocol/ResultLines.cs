// SPDX-License-Identifier: MIT
using System.Text.Json;

namespace Reflect.Perf.Protocol;

/// <summary>A configuration's functional check: did replies leave via the router the client came through?</summary>
internal sealed record CheckResult(string Configuration, bool Reflects, bool Expected, bool Ok, string Detail);

/// <summary>One measurement of one workload: a rate (Mbit/s, pps, transactions/s).</summary>
internal sealed record MeasureResult(string Workload, double Value, string Unit);

/// <summary>The appliance's table now holds <see cref="Entries"/> other entries; filling took <see cref="Seconds"/>.</summary>
internal sealed record FillResult(int Entries, double Seconds);

/// <summary>A figure the guest found out once (bytes_per_entry, slab_object_size, learn_rate, ...).</summary>
internal sealed record Fact(string Name, double Value, string Unit, string Detail);

/// <summary>What ran in the guest: its kernel release, CPU model and tool versions, as bench.sh printed them.</summary>
internal sealed record GuestVersions(string Kernel, string Cpu, IReadOnlyDictionary<string, string> All);

/// <summary>bench.sh printed something that breaks its contract.</summary>
internal sealed class BenchProtocolException(string message) : Exception(message);

/// <summary>
/// Reads bench.sh's results. A result is a line <c>RESULT {json object with "kind"}</c>; every other
/// line is a diagnostic and ignored. Anything else on a RESULT line, a missing or mistyped field,
/// a non-finite or negative number, or the wrong number of RESULT lines is an error that quotes
/// the offending line.
/// </summary>
internal static class ResultLines
{
    public const string Prefix = "RESULT ";

    public static CheckResult Check(string output) => Single(output, "check", f =>
        new CheckResult(f.String("config"), f.Bool("reflects"), f.Bool("expected"), f.Bool("ok"), f.String("detail")));

    /// <summary>
    /// A measurement gives its value and unit, or iperf3's whole JSON report as <c>iperf3</c>,
    /// which <see cref="Iperf3Report"/> reads.
    /// </summary>
    public static MeasureResult Measure(string output) => Single(output, "measure", f =>
        f.OptionalObject("iperf3") is { } report
            ? Iperf3Report.Measure(f.String("workload"), report)
            : new MeasureResult(f.String("workload"), f.Rate("value"), f.String("unit")));

    public static FillResult Fill(string output) => Single(output, "fill", f =>
        new FillResult(f.Count("entries"), f.Rate("seconds")));

    /// <summary>The guest's kernel is <c>qemu_guest_kernel</c> in the contract; <c>guest_kernel</c> is read too.</summary>
    public static GuestVersions Versions(string output) => Single(output, "versions", f =>
        new GuestVersions(f.OptionalString("qemu_guest_kernel") ?? f.String("guest_kernel"), f.String("cpu"), f.AllAsText()));

    public static IReadOnlyList<Fact> Facts(string output) => Read(output).Select(f =>
    {
        f.RequireKind("fact");
        return new Fact(f.String("name"), f.Number("value"), f.String("unit"), f.OptionalString("detail") ?? "");
    }).ToList();

    private static T Single<T>(string output, string kind, Func<Fields, T> map)
    {
        List<Fields> results = Read(output);
        if (results.Count != 1)
        {
            throw new BenchProtocolException($"expected one RESULT line of kind '{kind}', got {results.Count}" +
                (results.Count > 0 ? ": " + string.Join(" | ", results.Select(r => r.Quoted)) : ""));
        }

        results[0].RequireKind(kind);
        return map(results[0]);
    }

    private static List<Fields> Read(string output) =>
        output.Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(Fields.Parse)
            .ToList();

    private sealed class Fields
    {
        private const int QuoteLength = 300;

        private readonly JsonElement _object;

        private Fields(string line, JsonElement element, string kind)
        {
            Line = line;
            _object = element;
            Kind = kind;
        }

        public string Line { get; }

        /// <summary>The line for an error message: an iperf3 report makes it kilobytes long.</summary>
        public string Quoted => Quote(Line);

        private static string Quote(string line) =>
            line.Length <= QuoteLength ? line : line[..QuoteLength] + $"... ({line.Length} characters)";

        public string Kind { get; }

        public static Fields Parse(string line)
        {
            JsonElement element;
            try
            {
                using var document = JsonDocument.Parse(line[Prefix.Length..]);
                element = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new BenchProtocolException($"RESULT line is not valid JSON ({e.Message}): {Quote(line)}");
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new BenchProtocolException($"RESULT line is not a JSON object: {Quote(line)}");
            }

            if (!element.TryGetProperty("kind", out JsonElement kind) || kind.ValueKind != JsonValueKind.String)
            {
                throw new BenchProtocolException($"RESULT line has no string field 'kind': {Quote(line)}");
            }

            return new Fields(line, element, kind.GetString()!);
        }

        public void RequireKind(string kind)
        {
            if (Kind != kind)
            {
                throw new BenchProtocolException($"expected a RESULT line of kind '{kind}', got kind '{Kind}': {Quoted}");
            }
        }

        public string String(string name) => OptionalString(name) ?? throw Missing(name, "a string");

        public string? OptionalString(string name) =>
            !_object.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null ? null
            : value.ValueKind == JsonValueKind.String ? value.GetString()
            : throw Missing(name, "a string");

        public JsonElement? OptionalObject(string name) =>
            !_object.TryGetProperty(name, out JsonElement value) ? null
            : value.ValueKind == JsonValueKind.Object ? value
            : throw Missing(name, "a JSON object");

        public bool Bool(string name) =>
            _object.TryGetProperty(name, out JsonElement value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? value.GetBoolean()
                : throw Missing(name, "true or false");

        public double Number(string name) =>
            _object.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && double.IsFinite(value.GetDouble())
                ? value.GetDouble()
                : throw Missing(name, "a finite number");

        /// <summary>A rate or a duration: a finite number, not negative.</summary>
        public double Rate(string name) => Number(name) is var number and >= 0 ? number : throw Missing(name, "a number >= 0");

        public int Count(string name) =>
            _object.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int count) && count >= 0
                ? count
                : throw Missing(name, "a whole number >= 0");

        public Dictionary<string, string> AllAsText() =>
            _object.EnumerateObject().Where(p => p.Name != "kind").ToDictionary(
                p => p.Name,
                p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());

        private BenchProtocolException Missing(string name, string what) =>
            new($"RESULT line of kind '{Kind}': field '{name}' must be {what}: {Quoted}");
    }
}
