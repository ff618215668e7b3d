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
        text.Append($"- QEMU: {run.QemuVersion}; TCG, single-threaded, {settings.Cpus} vCPU{(settings.Cpus == 1 ? "" : "s")}, ")
            .Append(settings.Clock == BenchClock.Icount ? "two guests at once, one per core (the host's load does not change an instruction count)\n" : "one guest at a time\n");
        text.Append($"- clock: **{settings.ClockName}**. ").Append(ClockMeaning(settings.Clock)).Append('\n');
        text.Append($"- host CPU: {run.HostCpu}\n");
        text.Append($"- method: {settings.Repetitions} repetitions after a warm-up (one visit to the first configuration, every workload {settings.WarmUpSeconds} s, discarded), ")
            .Append($"{settings.Seconds} s per measurement; each repetition visits every working configuration once, interleaved, ")
            .Append("its order rotated by one per repetition; ratios are paired per repetition (repetition i of a configuration over repetition i of plain routing); ")
            .Append("shown as median [min–max] over the repetitions\n");
        text.Append($"- workloads: {string.Join(", ", settings.Workloads.Select(w => $"{w} ({Workloads.Describe(w)})"))}\n");
        text.Append('\n').Append(settings.Clock == BenchClock.Icount
            ? "Every rate counts work per 1e9 guest instructions, of the whole guest: the appliance, both routers, the switch and the client run in it, so the differences between configurations are the appliance's own; an instruction count is a cost model (every instruction costs the same, cache misses and branch mispredictions cost nothing), not the speed of real hardware.\n\n"
            : "Under TCG in wall-clock time the absolute numbers mean little and the repetitions spread by 10-20 %: the ratios within one run are the result.\n\n");

        Headline(text, summaries, settings);
        foreach ((KernelRun kernel, KernelSummary summary) in summaries)
        {
            Kernel(text, kernel, summary, settings);
        }

        Charts(text, charts, chartProblem);
        text.Append("## Reproduce\n\n```sh\n").Append(run.Command).Append("\n```\n\n")
            .Append("Raw and computed results: `results.json` beside this report.\n");
        return text.ToString();
    }

    private static void Headline(StringBuilder text, List<(KernelRun Kernel, KernelSummary Summary)> summaries, BenchSettings settings)
    {
        IReadOnlyList<string> workloads = settings.Workloads;
        var perPacket = workloads.Where(Workloads.PerPacket.Contains).ToList();
        text.Append($"## Headline ({settings.ClockName})\n\n")
            .Append("Reflection in peer mode against plain routing and against the recipe, median [min–max] of the paired ratios; ")
            .Append("the lookup cost of the largest table against the smallest; new peers learned per second; kernel memory per entry; ")
            .Append("the largest spread of any configuration's repetitions, (max - min) / median; the benchmark's targets met.\n\n");
        string[] header =
        [
            "kernel", "package", .. workloads.Select(w => $"{w} / plain"), .. perPacket.Select(w => $"{w} / recipe"),
            "lookup cost, largest / smallest table", "learned per second", "bytes per entry", "largest spread", "targets met",
        ];
        text.Append(Table(header, summaries.Select(s => (IReadOnlyList<string>)
        [
            s.Kernel.Series,
            s.Kernel.Identity,
            .. workloads.Select(w => Ratio(s.Summary.Find(Configurations.Peer, w)?.RatioToBaseline)),
            .. perPacket.Select(w => Ratio(s.Summary.AgainstRecipe(Configurations.Peer, w))),
            s.Summary.LookupCost is { } cost ? $"{Ratio(cost.Ratio)} ({Count(cost.LargestEntries)} / {Count(cost.SmallestEntries)})" : "–",
            s.Kernel.Facts.FirstOrDefault(f => f.Name == Targets.LearnRateFact) is { } learned ? Value(learned.Value, learned.Unit) : "–",
            Targets.MemoryFact(s.Kernel.Facts) is { } memory ? $"{Value(memory.Value, memory.Unit)} {memory.Unit}" : "–",
            s.Summary.LeastRepeatable is { } worst ? $"{Percent(worst.Values!.RelativeWidth)} ({worst.Configuration}, {worst.Workload})" : "–",
            TargetTally(s.Summary.Targets),
        ]))).Append('\n');
    }

    private static string ClockMeaning(BenchClock clock) => clock == BenchClock.Icount
        ? "QEMU's `-icount shift=0,sleep=off`: the guest's clocks advance by 1 ns per executed instruction and idle time is skipped, so a guest second is 1e9 instructions and a rate is work per 1e9 instructions, whatever else the host runs."
        : "The guest's clocks follow the host's; TCG's speed varies with whatever else the host runs.";

    /// <summary>1e9 over a rate of units per second: instructions per unit in instruction time, nanoseconds per unit in wall-clock time.</summary>
    private static double PerUnit(string workload, double rate) => 1e9 / Workloads.UnitsPerSecond(workload, rate);

    private static string CostName(BenchSettings settings) => settings.Clock == BenchClock.Icount ? "instructions" : "ns";


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
        Repeatability(text, summary, settings);
        CostTable(text, summary, settings);
        text.Append($"### Targets ({settings.ClockName})\n\n").Append(Table(
            ["target", "configuration", "measured", "verdict", "note"],
            summary.Targets.Select(t => (IReadOnlyList<string>)
                [t.Target, t.Configuration, Measured(t), Outcome(t.Outcome), t.Note]))).Append('\n');

        if (summary.Recipe.Count > 0)
        {
            var compared = summary.Recipe.Select(r => r.Workload).Distinct().ToList();
            text.Append($"### Against the recipe ({settings.ClockName}, paired per repetition)\n\n")
                .Append("The recipe needs conntrack; `conntrack` is reflection with conntrack loaded, its like-for-like.\n\n")
                .Append(Table(["configuration", .. compared.Select(w => $"{w} / recipe")],
                    summary.Recipe.Select(r => r.Configuration).Distinct().Select(c => (IReadOnlyList<string>)
                        [c, .. compared.Select(w => Ratio(summary.AgainstRecipe(c, w)))]))).Append('\n');
        }

        if (summary.TableScale.Count > 0)
        {
            int smallest = summary.TableScale[0].Entries;
            double? reference = summary.TableScale.FirstOrDefault(t => t.Pps is { Median: > 0 })?.Pps?.Median;
            string cost = CostName(settings);
            text.Append($"### Table scale ({settings.ClockName}; peer mode, udp64)\n\n")
                .Append($"Lookup cost taken as 1/pps, relative to the table with {Count(smallest)} other entries, and as {cost} per datagram (1e9 / pps) ")
                .Append("with the difference to the smallest table: what a lookup in the larger table adds to each packet. The sizes run one after another, not interleaved.\n\n")
                .Append(Table(["entries asked", "entries in table", "fill time", "pps median [min–max]", $"{cost} per datagram", $"difference to {Count(smallest)}", $"cost relative to {Count(smallest)}"],
                    summary.TableScale.Select(t => (IReadOnlyList<string>)
                    [
                        Count(t.Entries), t.FilledEntries is { } filled ? Count(filled) : "–", Seconds(t.FillSeconds),
                        Values(t.Pps, "pps"),
                        t.Pps is { Median: > 0 } pps ? Value(1e9 / pps.Median, null) : "–",
                        t.Pps is { Median: > 0 } at && reference is { } first ? Signed(1e9 / at.Median - 1e9 / first) : "–",
                        t.RelativeCost is { } relative ? Ratio(relative) : "–",
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

        text.Append($"### Absolute values ({settings.ClockName})\n\n").Append(Table(
            ["configuration", "workload", "median [min–max]", "repetitions", "failed"],
            summary.Workloads.Select(w => (IReadOnlyList<string>)
                [w.Configuration, w.Workload, Values(w.Values, w.Unit), Count(w.Values?.Count ?? 0), Count(w.Failed)]))).Append('\n');
    }

    /// <summary>Rows: configurations; columns: workloads; plain routing's row shows its absolute values.</summary>
    private static void RatioTable(StringBuilder text, KernelSummary summary, BenchSettings settings)
    {
        text.Append($"### Ratio to plain routing ({settings.ClockName})\n\n")
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

    /// <summary>Rows: configurations; columns: workloads; each cell the spread of its repetitions, (max - min) / median.</summary>
    private static void Repeatability(StringBuilder text, KernelSummary summary, BenchSettings settings)
    {
        text.Append($"### Repeatability ({settings.ClockName})\n\n")
            .Append($"The spread of each configuration's {settings.Repetitions} measured repetitions on each workload, (max - min) / median.");
        if (summary.LeastRepeatable is { } worst)
        {
            double width = worst.Values!.RelativeWidth;
            text.Append($" Largest: {Percent(width)} ({worst.Configuration}, {worst.Workload}); ")
                .Append(width <= 0.01 ? "every one is within 1 %." : $"{summary.Workloads.Count(w => w.Values is { Count: > 1 } v && v.RelativeWidth > 0.01)} of {summary.Workloads.Count} are wider than 1 %.");
        }

        text.Append("\n\n");
        IEnumerable<IReadOnlyList<string>> rows = summary.Workloads.Select(w => w.Configuration).Distinct().Select(configuration =>
            (IReadOnlyList<string>)[configuration, .. settings.Workloads.Select(w =>
                summary.Find(configuration, w)?.Values is { Count: > 1 } values ? Percent(values.RelativeWidth) : "–")]);
        text.Append(Table(["configuration", .. settings.Workloads], rows)).Append('\n');
    }

    /// <summary>
    /// Rows: configurations; columns: workloads; each cell 1e9 / the median rate, per unit of work,
    /// with the difference to plain routing: in instruction time, what each configuration adds
    /// to (or saves from) the work of one packet or transaction.
    /// </summary>
    private static void CostTable(StringBuilder text, KernelSummary summary, BenchSettings settings)
    {
        string cost = CostName(settings);
        text.Append($"### Cost per unit of work ({settings.ClockName})\n\n")
            .Append($"{(settings.Clock == BenchClock.Icount ? "Instructions" : "Nanoseconds")} of the whole guest per unit of work, 1e9 / the median rate ")
            .Append($"({string.Join("; ", settings.Workloads.Select(w => $"{w}: per {Workloads.WorkUnit(w)}"))}), ")
            .Append("and in brackets the difference to plain routing.\n\n");
        WorkloadSummary? Baseline(string workload) => summary.Find(Configurations.Baseline, workload);
        IEnumerable<IReadOnlyList<string>> rows = summary.Workloads.Select(w => w.Configuration).Distinct().Select(configuration =>
            (IReadOnlyList<string>)[configuration, .. settings.Workloads.Select(workload =>
            {
                if (summary.Find(configuration, workload)?.Values is not { Median: > 0 } values)
                {
                    return "–";
                }

                double here = PerUnit(workload, values.Median);
                return configuration != Configurations.Baseline && Baseline(workload)?.Values is { Median: > 0 } plain
                    ? $"{Value(here, null)} ({Signed(here - PerUnit(workload, plain.Median))})"
                    : Value(here, null);
            })]);
        text.Append(Table([$"configuration ({cost} per unit)", .. settings.Workloads], rows)).Append('\n');
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
