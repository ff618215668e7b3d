// SPDX-License-Identifier: MIT
using Reflect.Perf.Plan;
using Reflect.Perf.Protocol;
using Reflect.Perf.Results;

namespace Reflect.Perf.Statistics;

/// <summary>A configuration whose functional check failed: reported, not measured.</summary>
internal sealed record BrokenConfiguration(string Configuration, string Detail);

/// <summary>One (configuration, workload): the values over the repetitions and their ratio to the baseline, paired.</summary>
internal sealed record WorkloadSummary(string Configuration, string Workload, string? Unit, Spread? Values, Spread? RatioToBaseline, int Failed);

/// <summary>A reflecting configuration against the CONNMARK recipe on one per-packet workload, paired per repetition.</summary>
internal sealed record RecipeComparison(string Configuration, string Workload, Spread? Ratio);

/// <summary>
/// One table size: udp64 packets per second and the lookup cost relative to the smallest size
/// (cost taken as 1/pps: the median pps at the smallest size over the median pps at this one).
/// </summary>
internal sealed record TableScaleSummary(int Entries, int? FilledEntries, double? FillSeconds, Spread? Pps, double? RelativeCost);

/// <summary>The cost at the largest table size against the smallest.</summary>
internal sealed record LookupCost(int SmallestEntries, int LargestEntries, double Ratio);

internal sealed record KernelSummary(
    string Series,
    IReadOnlyList<BrokenConfiguration> Broken,
    IReadOnlyList<WorkloadSummary> Workloads,
    IReadOnlyList<RecipeComparison> Recipe,
    IReadOnlyList<TableScaleSummary> TableScale,
    LookupCost? LookupCost,
    IReadOnlyList<TargetVerdict> Targets)
{
    public WorkloadSummary? Find(string configuration, string workload) =>
        Workloads.FirstOrDefault(w => w.Configuration == configuration && w.Workload == workload);

    public Spread? AgainstRecipe(string configuration, string workload) =>
        Recipe.FirstOrDefault(r => r.Configuration == configuration && r.Workload == workload)?.Ratio;

    /// <summary>
    /// The largest spread of one configuration's repetitions on one workload, (max - min) / median,
    /// and where: how repeatable this run was.
    /// </summary>
    public WorkloadSummary? LeastRepeatable =>
        Workloads.Where(w => w.Values is { Count: > 1, Median: > 0 }).MaxBy(w => w.Values!.RelativeWidth);
}

/// <summary>Computes a kernel's summary from its raw results. Pure: the same results give the same summary.</summary>
internal static class Summaries
{
    public static KernelSummary Summarize(KernelRun run, BenchSettings settings)
    {
        var broken = run.Checks.Where(c => !Works(c)).Select(c => new BrokenConfiguration(c.Configuration, c.Detail)).ToList();
        var working = settings.Configurations.Where(c => run.Checks.Any(check => check.Configuration == c && Works(check))).ToList();
        IEnumerable<Sample> Of(string configuration, string workload) =>
            run.Samples.Where(s => s.Configuration == configuration && s.Workload == workload);

        var workloads = working.SelectMany(configuration => settings.Workloads.Select(workload =>
        {
            var samples = Of(configuration, workload).ToList();
            return new WorkloadSummary(
                configuration, workload,
                samples.FirstOrDefault(s => s.Unit is not null)?.Unit,
                Spread.Of(Stats.Measured(samples).Select(s => s.Value!.Value)),
                Spread.Of(Stats.PairedRatios(samples, Of(Configurations.Baseline, workload))),
                samples.Count(s => !s.WarmUp && s.Value is null));
        })).ToList();

        // The recipe is only worth it where per-packet cost shows: small datagrams and request/response.
        List<RecipeComparison> recipe = working.Contains(Configurations.Recipe)
            ? settings.Workloads.Where(Workloads.PerPacket.Contains).SelectMany(workload =>
                working.Where(c => Configurations.ExpectedToReflect(c) && c != Configurations.Recipe)
                    .Select(c => new RecipeComparison(c, workload,
                        Spread.Of(Stats.PairedRatios(Of(c, workload), Of(Configurations.Recipe, workload))))))
                .ToList()
            : [];

        (IReadOnlyList<TableScaleSummary> tableScale, LookupCost? lookupCost) = TableScale(run.TableScale);
        var summary = new KernelSummary(run.Series, broken, workloads, recipe, tableScale, lookupCost, []);
        return summary with { Targets = Targets.Evaluate(summary, run.Facts, settings) };
    }

    /// <summary>A configuration works when bench.sh says ok and it did what it should (reflect or not).</summary>
    public static bool Works(CheckResult check) => check.Ok && check.Reflects == check.Expected;

    private static (IReadOnlyList<TableScaleSummary>, LookupCost?) TableScale(IReadOnlyList<TableScalePoint> points)
    {
        var spreads = points.Select(p => (Point: p, Pps: Spread.Of(Stats.Measured(p.Samples).Select(s => s.Value!.Value)))).ToList();
        var measured = spreads.Where(s => s.Pps is { Median: > 0 }).ToList();
        (TableScalePoint Point, Spread? Pps) reference = measured.FirstOrDefault();
        var rows = spreads.Select(s => new TableScaleSummary(
            s.Point.Entries, s.Point.FilledEntries, s.Point.FillSeconds, s.Pps,
            reference.Pps is not null && s.Pps is { Median: > 0 } ? reference.Pps.Median / s.Pps.Median : null)).ToList();
        LookupCost? lookupCost = measured.Count >= 2
            ? new LookupCost(measured[0].Point.Entries, measured[^1].Point.Entries, measured[0].Pps!.Median / measured[^1].Pps!.Median)
            : null;
        return (rows, lookupCost);
    }
}
