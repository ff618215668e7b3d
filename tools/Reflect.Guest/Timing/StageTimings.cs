using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Reflect.Guest.Timing;

/// <summary>
/// Per-kernel wall-clock time of each stage (fetch, build, boot, scenarios), printed as one table
/// at the end of a run.
/// </summary>
public sealed class StageTimings
{
    public static readonly IReadOnlyList<string> Stages = ["fetch", "build", "boot", "scenarios"];

    private readonly ConcurrentDictionary<(string Series, string Stage), TimeSpan> _durations = new();
    private readonly ConcurrentDictionary<string, string> _kernels = new();
    private readonly ConcurrentDictionary<string, string> _outcomes = new();

    public void Add(string series, string stage, TimeSpan duration) =>
        _durations.AddOrUpdate((series, stage), duration, (_, previous) => previous + duration);

    public void SetKernel(string series, string identity) => _kernels[series] = identity;

    /// <summary>A failure marks the series; the table shows it.</summary>
    public void MarkFailed(string series) => _outcomes[series] = "FAIL";

    /// <summary>Runs <paramref name="action"/> and adds its duration to the stage.</summary>
    public async Task<T> MeasureAsync<T>(string series, string stage, Func<Task<T>> action)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return await action();
        }
        finally
        {
            Add(series, stage, clock.Elapsed);
        }
    }

    public string Format()
    {
        var series = _kernels.Keys.Concat(_durations.Keys.Select(k => k.Series)).Distinct().Order(StringComparer.Ordinal).ToList();
        var rows = series.Select(s => new[] { s, _kernels.GetValueOrDefault(s, "?") }
            .Concat(Stages.Select(stage => _durations.TryGetValue((s, stage), out var d) ? Seconds(d) : "-"))
            .Append(Seconds(TimeSpan.FromTicks(Stages.Sum(stage => _durations.GetValueOrDefault((s, stage)).Ticks))))
            .Append(_outcomes.GetValueOrDefault(s, "ok"))
            .ToArray()).ToList();
        string[] header = ["kernel", "package", .. Stages, "total", "result"];
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        void Line(string[] cells) => text.AppendLine(string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        Line(header);
        Line(widths.Select(w => new string('-', w)).ToArray());
        rows.ForEach(Line);
        return text.ToString();
    }

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s";
}
