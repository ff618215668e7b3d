// SPDX-License-Identifier: MIT
using System.Text;
using Reflect.Perf.Plan;
using Reflect.Perf.Results;
using Reflect.Perf.Statistics;
using static Reflect.Perf.Report.Markdown;

namespace Reflect.Perf.Report;

/// <summary>
/// artifacts/bench/report.md: where the numbers came from, a headline table across kernels, then
/// per kernel the checks, the ratios to plain routing, the targets, the recipe comparison, the
/// table-scale run, the facts and the absolute values, and the charts.
/// </summary>
internal static class MarkdownReport
{
    public const string Name = "report.md";

    /// <param name="charts">The charts drawn (names of the SVG files beside the report).</param>
    /// <param name="chartProblem">Why charts are missing, if they are.</param>
    public static string Render(BenchRun run, IReadOnlyList<ChartLink> charts, string? chartProblem)
    {
        var text = new StringBuilder();
        BenchSettings settings = run.Settings;
        var summaries = run.Kernels.Select(k => (Kernel: k, Summary: k.Summary ?? Summaries.Summarize(k, settings))).ToList();

        text.Append("# reflect performance").Append(settings.Quick ? " (quick smoke, not a result)" : "").Append("\n\n");
        text.Append($"Produced by `{run.Command}`, started {Date(run.StartedAt)}")
            .Append(run.FinishedAt is { } finished ? $", finished {Date(finished)} ({Minutes(finished - run.StartedAt)})" : "").Append(".\n\n");
        text.Append($"- QEMU: {run.QemuVersion}; TCG, single-threaded, 2 vCPUs, one guest at a time\n");
        text.Append($"- host CPU: {run.HostCpu}\n");
        text.Append($"- method: {settings.Repetitions} repetitions after a warm-up (one visit to the first configuration, every workload {settings.WarmUpSeconds} s, discarded), ")
            .Append($"{settings.Seconds} s per measurement; each repetition visits every working configuration once, interleaved, ")
            .Append("its order rotated by one per repetition; ratios are paired per repetition (repetition i of a configuration over repetition i of plain routing); ")
            .Append("shown as median [min–max] over the repetitions\n");
        text.Append($"- workloads: {string.Join(", ", settings.Workloads.Select(w => $"{w} ({Workloads.Describe(w)})"))}\n");
        text.Append("\nUnder TCG the absolute numbers mean little: the ratios within one run are the result.\n\n");

        Headline(text, summaries, settings.Workloads);
        foreach ((KernelRun kernel, KernelSummary summary) in summaries)
        {
            Kernel(text, kernel, summary, settings);
        }

        Charts(text, charts, chartProblem);
        text.Append("## Reproduce\n\n```sh\n").Append(run.Command).Append("\n```\n\n")
            .Append("Raw and computed results: `results.json` beside this report.\n");
        return text.ToString();
    }

    private static void Headline(StringBuilder text, List<(KernelRun Kernel, KernelSummary Summary)> summaries, IReadOnlyList<string> workloads)
    {
        text.Append("## Headline\n\n")
            .Append("Reflection in peer mode against plain routing and against the recipe, median [min–max] of the paired ratios; ")
            .Append("the lookup cost of the largest table against the smallest; kernel memory per entry; the benchmark's targets met.\n\n");
        string[] header = ["kernel", "package", .. workloads.Select(w => $"{w} / plain"), "udp64 / recipe", "lookup cost, largest / smallest table", "bytes per entry", "targets met"];
        text.Append(Table(header, summaries.Select(s => (IReadOnlyList<string>)
        [
            s.Kernel.Series,
            s.Kernel.Identity,
            .. workloads.Select(w => Ratio(s.Summary.Find(Configurations.Peer, w)?.RatioToBaseline)),
            Ratio(s.Summary.Recipe.FirstOrDefault(r => r.Configuration == Configurations.Peer)?.Ratio),
            s.Summary.LookupCost is { } cost ? $"{Ratio(cost.Ratio)} ({Count(cost.LargestEntries)} / {Count(cost.SmallestEntries)})" : "–",
            Targets.MemoryFact(s.Kernel.Facts) is { } memory ? $"{Value(memory.Value, memory.Unit)} {memory.Unit}" : "–",
            TargetTally(s.Summary.Targets),
        ]))).Append('\n');
    }

    private static void Kernel(StringBuilder text, KernelRun kernel, KernelSummary summary, BenchSettings settings)
    {
        text.Append($"## {kernel.Series}: {kernel.Identity}\n\n");
        text.Append($"- packages: {string.Join(", ", kernel.Packages)}\n");
        if (kernel.Guest is { } guest)
        {
            text.Append($"- guest: kernel {guest.Kernel}, CPU {guest.Cpu}; ")
                .Append(string.Join(", ", guest.All.Where(p => p.Key is not ("qemu_guest_kernel" or "guest_kernel" or "cpu")).Select(p => $"{p.Key} {p.Value}"))).Append('\n');
        }

        text.Append($"- QEMU: {kernel.QemuVersion}; host CPU: {kernel.HostCpu}\n");
        text.Append($"- run: started {Date(kernel.StartedAt)}")
            .Append(kernel.FinishedAt is { } finished ? $", took {Minutes(finished - kernel.StartedAt)}" : "")
            .Append($" (module build {Seconds(kernel.BuildSeconds)}, boot {Seconds(kernel.BootSeconds)}); namespaces *-{kernel.BenchId}\n");
        if (kernel.Error is not null)
        {
            text.Append($"- **stopped early**: {Cell(kernel.Error)}\n");
        }

        foreach (string problem in kernel.Problems)
        {
            text.Append($"- problem: {Cell(problem)}\n");
        }

        text.Append('\n');

        text.Append("### Functional checks\n\n").Append(Table(
            ["configuration", "what it is", "reflects", "expected", "verdict", "detail"],
            kernel.Checks.Select(c => (IReadOnlyList<string>)
                [c.Configuration, Configurations.Describe(c.Configuration), YesNo(c.Reflects), YesNo(c.Expected),
                 Summaries.Works(c) ? "works" : "**broken**, not measured", c.Detail]))).Append('\n');

        RatioTable(text, summary, settings);
        text.Append("### Targets\n\n").Append(Table(
            ["target", "configuration", "measured", "verdict", "note"],
            summary.Targets.Select(t => (IReadOnlyList<string>)
                [t.Target, t.Configuration, Measured(t), Outcome(t.Outcome), t.Note]))).Append('\n');

        if (summary.Recipe.Count > 0)
        {
            text.Append("### Against the recipe (udp64, paired per repetition)\n\n")
                .Append("The recipe needs conntrack; `conntrack` is reflection with conntrack loaded, its like-for-like.\n\n")
                .Append(Table(["configuration", "pps / recipe pps"],
                    summary.Recipe.Select(r => (IReadOnlyList<string>)[r.Configuration, Ratio(r.Ratio)]))).Append('\n');
        }

        if (summary.TableScale.Count > 0)
        {
            int smallest = summary.TableScale[0].Entries;
            text.Append("### Table scale (peer mode, udp64)\n\n")
                .Append($"Lookup cost taken as 1/pps, relative to the table with {Count(smallest)} other entries; the sizes run one after another, not interleaved.\n\n")
                .Append(Table(["entries asked", "entries in table", "fill time", "pps median [min–max]", $"cost relative to {Count(smallest)}"],
                    summary.TableScale.Select(t => (IReadOnlyList<string>)
                    [
                        Count(t.Entries), t.FilledEntries is { } filled ? Count(filled) : "–", Seconds(t.FillSeconds),
                        Values(t.Pps, "pps"), t.RelativeCost is { } cost ? Ratio(cost) : "–",
                    ]))).Append('\n');
        }

        if (kernel.Facts.Count > 0)
        {
            text.Append("### Facts\n\n").Append(Table(["fact", "value", "unit", "detail"],
                kernel.Facts.Select(f => (IReadOnlyList<string>)[f.Name, Value(f.Value, f.Unit), f.Unit, f.Detail]))).Append('\n');
        }

        if (kernel.Steps.Count > 0)
        {
            text.Append("### Where the time went\n\n")
                .Append("bench.sh commands by kind (`reflect-perf plan --from results.json` estimates a run from these).\n\n")
                .Append(Table(["step", "count", "total", "mean"], kernel.Steps.GroupBy(t => t.Step.Kind).Select(g => (IReadOnlyList<string>)
                    [g.Key.ToString().ToLowerInvariant(), Count(g.Count()), Seconds(g.Sum(t => t.Elapsed)), Seconds(g.Average(t => t.Elapsed))]))).Append('\n');
        }

        text.Append("### Absolute values\n\n").Append(Table(
            ["configuration", "workload", "median [min–max]", "repetitions", "failed"],
            summary.Workloads.Select(w => (IReadOnlyList<string>)
                [w.Configuration, w.Workload, Values(w.Values, w.Unit), Count(w.Values?.Count ?? 0), Count(w.Failed)]))).Append('\n');
    }

    /// <summary>Rows: configurations; columns: workloads; plain routing's row shows its absolute values.</summary>
    private static void RatioTable(StringBuilder text, KernelSummary summary, BenchSettings settings)
    {
        text.Append("### Ratio to plain routing\n\n")
            .Append("Median [min–max] over the repetitions, each repetition's value divided by plain routing's in the same repetition.\n\n");
        IEnumerable<IReadOnlyList<string>> rows = settings.Configurations.Select(configuration =>
        {
            if (summary.Broken.Any(b => b.Configuration == configuration))
            {
                return (IReadOnlyList<string>)[configuration, .. settings.Workloads.Select(_ => "broken")];
            }

            return configuration == Configurations.Baseline
                ? [$"{configuration} (absolute)", .. settings.Workloads.Select(w => summary.Find(configuration, w) is { } b ? Values(b.Values, b.Unit) : "–")]
                : [configuration, .. settings.Workloads.Select(w => Ratio(summary.Find(configuration, w)?.RatioToBaseline))];
        });
        text.Append(Table(["configuration", .. settings.Workloads], rows)).Append('\n');
    }

    private static void Charts(StringBuilder text, IReadOnlyList<ChartLink> charts, string? problem)
    {
        text.Append("## Charts\n\n");
        if (problem is not null)
        {
            text.Append($"Charts were not drawn: {Cell(problem)}\n\n");
        }

        foreach (ChartLink chart in charts)
        {
            text.Append($"![{chart.Title}]({chart.Svg})\n\n{chart.Title}: [SVG]({chart.Svg}), [PNG]({chart.Png})\n\n");
        }
    }

    private static string Measured(TargetVerdict target) =>
        target.Measured is not { } value ? "–"
        : target.Unit != "ratio" ? $"{Value(value, target.Unit)} {target.Unit}"
        : target.Low is { } low && target.High is { } high ? $"{Ratio(value)} [{Ratio(low)}–{Ratio(high)}]"
        : Ratio(value);

    private static string Outcome(TargetOutcome outcome) => outcome switch
    {
        TargetOutcome.Met => "met",
        TargetOutcome.Missed => "**missed**",
        _ => "not measured",
    };

    private static string TargetTally(IReadOnlyList<TargetVerdict> targets)
    {
        int measured = targets.Count(t => t.Outcome != TargetOutcome.NotMeasured);
        int unmeasured = targets.Count - measured;
        return $"{targets.Count(t => t.Outcome == TargetOutcome.Met)} of {measured}" + (unmeasured > 0 ? $" ({unmeasured} not measured)" : "");
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}

/// <summary>A chart beside the report: its title and file names.</summary>
internal sealed record ChartLink(string Title, string Svg, string Png);
