// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Reflect.Guest.Timing;

/// <summary>
/// Per-kernel wall-clock time of each stage (fetch, build, boot, scenarios), printed as one table
/// at the end of a run, and of each scenario, printed as a second table (where a kernel's
/// scenario time goes).
/// </summary>
public sealed class StageTimings
{
    public static readonly IReadOnlyList<string> Stages = ["fetch", "build", "boot", "scenarios"];

    private readonly ConcurrentDictionary<(string Series, string Stage), TimeSpan> _durations = new();
    private readonly ConcurrentDictionary<string, string> _kernels = new();
    private readonly ConcurrentDictionary<string, string> _outcomes = new();
    private readonly ConcurrentDictionary<(string Series, string Scenario), TimeSpan> _scenarios = new();

    public void Add(string series, string stage, TimeSpan duration) =>
        _durations.AddOrUpdate((series, stage), duration, (_, previous) => previous + duration);

    public void SetKernel(string series, string identity) => _kernels[series] = identity;

    /// <summary>One scenario's run on one kernel (also counted in the kernel's "scenarios" stage).</summary>
    public void AddScenario(string series, string scenario, TimeSpan duration)
    {
        _scenarios[(series, scenario)] = duration;
        Add(series, "scenarios", duration);
    }

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

    /// <summary>
    /// Seconds per scenario (rows, slowest first by the mean over kernels) and kernel (columns),
    /// with a total row; empty when no scenario ran.
    /// </summary>
    public string FormatScenarios()
    {
        if (_scenarios.IsEmpty)
        {
            return "";
        }

        var series = _scenarios.Keys.Select(k => k.Series).Distinct().Order(StringComparer.Ordinal).ToList();
        var names = _scenarios.Keys.Select(k => k.Scenario).Distinct()
            .OrderByDescending(name => series.Where(s => _scenarios.ContainsKey((s, name))).Average(s => _scenarios[(s, name)].TotalSeconds))
            .ThenBy(name => name, StringComparer.Ordinal).ToList();
        string Cell(string s, string name) => _scenarios.TryGetValue((s, name), out TimeSpan d) ? Seconds(d) : "-";
        var rows = names.Select(name => series.Select(s => Cell(s, name)).Prepend(name).ToArray()).ToList();
        rows.Add(series.Select(s => Seconds(TimeSpan.FromTicks(_scenarios.Where(e => e.Key.Series == s).Sum(e => e.Value.Ticks)))).Prepend("total").ToArray());
        return Table(["scenario", .. series], rows);
    }

    public string Format()
    {
        var series = _kernels.Keys.Concat(_durations.Keys.Select(k => k.Series)).Distinct().Order(StringComparer.Ordinal).ToList();
        var rows = series.Select(s => new[] { s, _kernels.GetValueOrDefault(s, "?") }
            .Concat(Stages.Select(stage => _durations.TryGetValue((s, stage), out TimeSpan d) ? Seconds(d) : "-"))
            .Append(Seconds(TimeSpan.FromTicks(Stages.Sum(stage => _durations.GetValueOrDefault((s, stage)).Ticks))))
            .Append(_outcomes.GetValueOrDefault(s, "ok"))
            .ToArray()).ToList();
        return Table(["kernel", "package", .. Stages, "total", "result"], rows);
    }

    private static string Table(string[] header, IReadOnlyList<string[]> rows)
    {
        int[] widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        void Line(string[] cells) => text.AppendLine(string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        Line(header);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (string[] row in rows)
        {
            Line(row);
        }

        return text.ToString();
    }

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s";
}
