// SPDX-License-Identifier: MIT
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reflect.Perf.Results;

/// <summary>
/// artifacts/bench/results.json: the whole <see cref="BenchRun"/>, raw results and each kernel's
/// computed summary, with snake_case field names (<c>kernels[].samples[].value</c>,
/// <c>kernels[].summary.workloads[].ratio_to_baseline.median</c>, ...). A failed measurement
/// keeps its place with <c>value: null</c> and an <c>error</c>.
/// </summary>
internal static class ResultsFile
{
    public const string Name = "results.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(BenchRun run) => JsonSerializer.Serialize(run, Options);

    public static BenchRun Deserialize(string json) =>
        JsonSerializer.Deserialize<BenchRun>(json, Options) ?? throw new JsonException("results.json holds null");

    /// <summary>Writes through a temporary file, so a reader never sees half a file.</summary>
    public static void Write(BenchRun run, string path)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, Serialize(run));
        File.Move(temporary, path, overwrite: true);
    }

    public static BenchRun Read(string path) => Deserialize(File.ReadAllText(path));
}
