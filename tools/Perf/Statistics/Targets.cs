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
/// A ratio target is met when every repetition meets it: the median alone is not enough when
/// the repetitions' spread reaches across the threshold, since the run then cannot tell the
/// difference from noise. The thresholds are meant for instruction time, where a configuration
/// repeats to about 1 %; in wall-clock time most ratios straddle them.
/// </summary>
internal static class Targets
{
    /// <summary>Bulk TCP may lose 1 % against plain routing: its segments are large, and the per-packet work is a small share.</summary>
    public const double BulkTcp = 0.99;

    /// <summary>Per-packet workloads (udp64, rr): reflection replaces a route lookup, so it must cost no more than routing.</summary>
    public const double PerPacketAgainstPlain = 1.00;
    public const double PerPacketAgainstRecipe = 1.15;
    public const double LookupCostAtLargestTable = 1.10;
    public const int LookupCostTableSize = 1_000_000;
    public const double BytesPerEntry = 128;
    public const double LearnRate = 100_000;

    /// <summary>bench.sh's fact: new peers learned per second (of the guest's clock) from a pktgen flood, the whole guest's rate.</summary>
    public const string LearnRateFact = "learn_rate";

    /// <summary>
    /// bench.sh's fact: 1 / what learning a new peer costs beyond refreshing a known one (the same
    /// flood twice). The target reads this when present: the flood's own path bounds <see cref="LearnRateFact"/>.
    /// </summary>
    public const string OwnLearnRateFact = "learn_rate_own";
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
            verdicts.Add(AgainstBaseline("small packets (udp64)", configuration, Workloads.Udp64, PerPacketAgainstPlain));
            verdicts.Add(AgainstBaseline("request/response (rr)", configuration, Workloads.RequestResponse, PerPacketAgainstPlain));
            verdicts.Add(AgainstRecipe("small packets (udp64)", configuration, Workloads.Udp64));
            verdicts.Add(AgainstRecipe("request/response (rr)", configuration, Workloads.RequestResponse));
        }

        verdicts.Add(TableLookupCost());
        verdicts.Add(Learning());
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

        TargetVerdict AgainstRecipe(string name, string configuration, string workload)
        {
            string target = $"{name} >= {Number(PerPacketAgainstRecipe)}x the recipe";
            if ((Unmeasured(configuration, workload) ?? Unmeasured(Configurations.Recipe, workload)) is { } reason)
            {
                return NotMeasured(target, configuration, ">=", PerPacketAgainstRecipe, reason);
            }

            return AtLeast(target, configuration, PerPacketAgainstRecipe, summary.AgainstRecipe(configuration, workload), "no repetition measured both it and the recipe");
        }

        TargetVerdict Learning()
        {
            string target = $"learning >= {LearnRate:N0} new peers per second";
            Fact? own = facts.FirstOrDefault(f => f.Name == OwnLearnRateFact);
            Fact? flood = facts.FirstOrDefault(f => f.Name == LearnRateFact);
            Fact? fact = own ?? flood;
            if (fact is null)
            {
                return NotMeasured(target, Configurations.Peer, ">=", LearnRate, $"bench.sh facts gave no {LearnRateFact}") with { Unit = "entries/s" };
            }

            TargetOutcome outcome = fact.Value >= LearnRate ? TargetOutcome.Met : TargetOutcome.Missed;
            string note = own is not null && flood is not null
                ? $"learning's own cost: {own.Detail}; the whole flood: {flood.Value.ToString("#,0", CultureInfo.InvariantCulture)} entries/s ({flood.Detail})"
                : fact.Detail;
            return new TargetVerdict(target, Configurations.Peer, ">=", LearnRate, fact.Value, null, null, outcome, note) { Unit = fact.Unit };
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

        bool met = ratio.Min >= threshold;
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
