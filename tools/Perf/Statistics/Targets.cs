// SPDX-License-Identifier: MIT
using System.Globalization;
using Reflect.Perf.Plan;
using Reflect.Perf.Protocol;

namespace Reflect.Perf.Statistics;

internal enum TargetOutcome
{
    Met,
    Missed,
    NotMeasured,
}

/// <summary>
/// One of the benchmark's targets for one configuration: the threshold, what was measured (the median, and
/// the spread of the paired repetitions where there is one), the outcome, and a note that says
/// why when it is missed or not measured.
/// </summary>
internal sealed record TargetVerdict(
    string Target, string Configuration, string Comparison, double Threshold, double? Measured, double? Low, double? High, TargetOutcome Outcome, string Note)
{
    /// <summary>What <see cref="Measured"/> counts: "ratio" for the ratio targets, else its unit (bytes).</summary>
    public string Unit { get; init; } = "ratio";
}

/// <summary>
/// The benchmark's targets: what reflection may cost at most. Ratio targets are checked for
/// reflection on without conntrack (peer and flow mode): the module's own cost. The conntrack configuration is the recipe's
/// like-for-like (the recipe needs conntrack) and is shown beside it, not held to the targets.
/// </summary>
internal static class Targets
{
    public const double BulkTcp = 0.98;
    public const double SmallPacketsAgainstPlain = 0.97;
    public const double SmallPacketsAgainstRecipe = 1.15;
    public const double LookupCostAtLargestTable = 1.2;
    public const int LookupCostTableSize = 1_000_000;
    public const double BytesPerEntry = 128;
    /// <summary>Every unreclaimable slab byte the guest grew by while the table filled, per entry: an upper bound.</summary>
    public const string BytesPerEntryFact = "bytes_per_entry";

    /// <summary>What the table holds per entry: the pages of its entry cache, plus the buckets. The target reads this when present.</summary>
    public const string KernelBytesPerEntryFact = "kernel_bytes_per_entry";

    /// <summary>The memory fact the target is judged on: the table's own when measured, else (older results) the slab growth.</summary>
    public static Fact? MemoryFact(IEnumerable<Fact> facts) =>
        facts.FirstOrDefault(f => f.Name == KernelBytesPerEntryFact) ?? facts.FirstOrDefault(f => f.Name == BytesPerEntryFact);

    public static IReadOnlyList<TargetVerdict> Evaluate(KernelSummary summary, IReadOnlyList<Fact> facts, BenchSettings settings)
    {
        var verdicts = new List<TargetVerdict>();
        foreach (string configuration in Configurations.Reflecting)
        {
            verdicts.Add(AgainstBaseline("bulk TCP, 1 stream", configuration, Workloads.Tcp1, BulkTcp));
            verdicts.Add(AgainstBaseline("bulk TCP, 4 streams", configuration, Workloads.Tcp4, BulkTcp));
            verdicts.Add(AgainstBaseline("small packets (udp64)", configuration, Workloads.Udp64, SmallPacketsAgainstPlain));
            verdicts.Add(AgainstRecipe(configuration));
        }

        verdicts.Add(TableLookupCost());
        verdicts.Add(MemoryPerEntry());
        return verdicts;

        TargetVerdict AgainstBaseline(string name, string configuration, string workload, double threshold)
        {
            string target = $"{name} >= {Number(threshold)}x plain routing";
            if (Unmeasured(configuration, workload) is { } reason)
            {
                return NotMeasured(target, configuration, ">=", threshold, reason);
            }

            return AtLeast(target, configuration, threshold, summary.Find(configuration, workload)?.RatioToBaseline, "no repetition measured both it and plain routing");
        }

        TargetVerdict AgainstRecipe(string configuration)
        {
            string target = $"small packets (udp64) >= {Number(SmallPacketsAgainstRecipe)}x the recipe";
            if ((Unmeasured(configuration, Workloads.Udp64) ?? Unmeasured(Configurations.Recipe, Workloads.Udp64)) is { } reason)
            {
                return NotMeasured(target, configuration, ">=", SmallPacketsAgainstRecipe, reason);
            }

            Spread? ratio = summary.Recipe.FirstOrDefault(r => r.Configuration == configuration)?.Ratio;
            return AtLeast(target, configuration, SmallPacketsAgainstRecipe, ratio, "no repetition measured both it and the recipe");
        }

        TargetVerdict TableLookupCost()
        {
            string target = $"lookup cost at {LookupCostTableSize:N0} entries <= {Number(LookupCostAtLargestTable)}x the cost at 1,000";
            LookupCost? largest = summary.LookupCost;
            if (largest is null)
            {
                return NotMeasured(target, Configurations.Peer, "<=", LookupCostAtLargestTable,
                    settings.TableSizes.Count < 2 ? "no table sizes in this run" : "fewer than two table sizes measured");
            }

            if (largest.LargestEntries < LookupCostTableSize)
            {
                return new TargetVerdict(target, Configurations.Peer, "<=", LookupCostAtLargestTable, largest.Ratio, null, null, TargetOutcome.NotMeasured,
                    $"this run stops at {largest.LargestEntries:N0} entries (cost there: {Number(largest.Ratio)}x the cost at {largest.SmallestEntries:N0})");
            }

            bool met = largest.Ratio <= LookupCostAtLargestTable;
            return new TargetVerdict(target, Configurations.Peer, "<=", LookupCostAtLargestTable, largest.Ratio, null, null,
                met ? TargetOutcome.Met : TargetOutcome.Missed, met ? "" : "from the medians at each size; the table-scale runs are not interleaved");
        }

        TargetVerdict MemoryPerEntry()
        {
            string target = $"kernel memory per entry <= {BytesPerEntry:0} bytes";
            Fact? fact = MemoryFact(facts);
            if (fact is null)
            {
                return NotMeasured(target, Configurations.Peer, "<=", BytesPerEntry, $"bench.sh facts gave neither {KernelBytesPerEntryFact} nor {BytesPerEntryFact}") with { Unit = "bytes" };
            }

            TargetOutcome outcome = fact.Value <= BytesPerEntry ? TargetOutcome.Met : TargetOutcome.Missed;
            return new TargetVerdict(target, Configurations.Peer, "<=", BytesPerEntry, fact.Value, null, null, outcome, fact.Detail) { Unit = fact.Unit };
        }

        string? Unmeasured(string configuration, string workload)
        {
            if (!settings.Workloads.Contains(workload))
            {
                return $"{workload} is not in this run";
            }

            if (summary.Broken.FirstOrDefault(b => b.Configuration == configuration) is { } broken)
            {
                return $"{configuration} is broken: {broken.Detail}";
            }

            if (summary.Broken.Any(b => b.Configuration == Configurations.Baseline))
            {
                return "plain routing, the baseline, is broken";
            }

            return null;
        }
    }

    private static TargetVerdict AtLeast(string target, string configuration, double threshold, Spread? ratio, string whyNone)
    {
        if (ratio is null)
        {
            return NotMeasured(target, configuration, ">=", threshold, whyNone);
        }

        bool met = ratio.Median >= threshold;
        string note = met ? ""
            : ratio.Max >= threshold ? $"the repetitions range from {Ratio(ratio.Min)} to {Ratio(ratio.Max)}, across the target: not told apart from noise in this run"
            : $"below the target in every repetition ({ratio.Count} of {ratio.Count})";
        return new TargetVerdict(target, configuration, ">=", threshold, ratio.Median, ratio.Min, ratio.Max, met ? TargetOutcome.Met : TargetOutcome.Missed, note);
    }

    private static TargetVerdict NotMeasured(string target, string configuration, string comparison, double threshold, string reason) =>
        new(target, configuration, comparison, threshold, null, null, null, TargetOutcome.NotMeasured, reason);

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Ratio(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
