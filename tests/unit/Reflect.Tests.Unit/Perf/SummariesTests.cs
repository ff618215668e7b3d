// SPDX-License-Identifier: MIT
using Reflect.Perf.Plan;
using Reflect.Perf.Protocol;
using Reflect.Perf.Results;
using Reflect.Perf.Statistics;
using static Reflect.Tests.Unit.Perf.PerfData;

namespace Reflect.Tests.Unit.Perf;

public sealed class SummariesTests
{
    private static readonly BenchSettings Settings3 = Settings("plain", "peer", "recipe");

    private static Reflect.Perf.Results.KernelRun Measured()
    {
        KernelRun kernel = Kernel();
        kernel.Checks.AddRange([Works("plain"), Works("peer"), Works("recipe")]);
        kernel.Samples.AddRange(Series("plain", "tcp1", 1, 100, 100, 100));
        kernel.Samples.AddRange(Series("peer", "tcp1", 1, 99, 99.5, 101));
        kernel.Samples.AddRange(Series("recipe", "tcp1", 1, 90, 90, 90));
        kernel.Samples.AddRange(Series("plain", "udp64", 1, 1000, 800, 1000));
        kernel.Samples.AddRange(Series("peer", "udp64", 1, 1010, 808, 1000));
        kernel.Samples.AddRange(Series("recipe", "udp64", 1, 800, 640, 800));
        kernel.TableScale.AddRange([TablePoint(1_000, 1000, 1000, 1000), TablePoint(1_000_000, 900, 800, 850)]);
        kernel.Facts.AddRange([
            new Fact("bytes_per_entry", 96, "bytes", "slab"),
            new Fact("learn_rate", 58_000, "entries/s", "the whole flood"),
            new Fact("learn_rate_own", 550_000, "entries/s", "the same flood again")]);
        return kernel;
    }

    [Fact]
    public void Each_configuration_and_workload_has_values_and_ratios_paired_to_plain_routing()
    {
        KernelSummary summary = Summaries.Summarize(Measured(), Settings3);

        WorkloadSummary peer = summary.Find("peer", "udp64")!;
        peer.Values.Should().Be(new Spread(1000, 808, 1010, 3));
        peer.RatioToBaseline.Should().Be(new Spread(1.01, 1.0, 1.01, 3));
        peer.Unit.Should().Be("pps");
        summary.Find("plain", "tcp1")!.RatioToBaseline.Should().Be(new Spread(1, 1, 1, 3));
    }

    [Fact]
    public void Reflection_is_compared_with_the_recipe_for_udp64_paired_per_repetition()
    {
        KernelSummary summary = Summaries.Summarize(Measured(), Settings3);

        summary.Recipe.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new { Configuration = "peer", Workload = "udp64", Ratio = new Spread(1.2625, 1.25, 1.2625, 3) });
    }

    [Fact]
    public void Request_response_is_compared_with_the_recipe_too_when_the_run_has_it()
    {
        KernelRun kernel = Measured();
        kernel.Samples.AddRange(Series("plain", "rr", 1, 300, 300, 300));
        kernel.Samples.AddRange(Series("peer", "rr", 1, 360, 360, 363));
        kernel.Samples.AddRange(Series("recipe", "rr", 1, 300, 300, 300));

        KernelSummary summary = Summaries.Summarize(kernel, Settings3 with { Workloads = ["tcp1", "udp64", "rr"] });

        summary.Recipe.Select(r => r.Workload).Should().Equal("udp64", "rr");
        summary.AgainstRecipe("peer", "rr").Should().Be(new Spread(1.2, 1.2, 1.21, 3));
    }

    [Fact]
    public void The_least_repeatable_workload_is_the_one_whose_repetitions_spread_widest_relative_to_their_median()
    {
        WorkloadSummary? worst = Summaries.Summarize(Measured(), Settings3).LeastRepeatable;

        // peer udp64: 808 to 1010 around 1000, against plain udp64's 800 to 1000 around 1000.
        worst.Should().BeEquivalentTo(new { Configuration = "peer", Workload = "udp64" });
        worst!.Values!.RelativeWidth.Should().BeApproximately(0.202, 1e-9);
    }

    [Fact]
    public void The_lookup_cost_of_the_largest_table_is_the_smallest_tables_median_pps_over_its_own()
    {
        KernelSummary summary = Summaries.Summarize(Measured(), Settings3);

        summary.TableScale.Select(t => t.RelativeCost).Should().Equal(1.0, 1000.0 / 850);
        summary.LookupCost.Should().Be(new LookupCost(1_000, 1_000_000, 1000.0 / 850));
    }

    [Fact]
    public void A_broken_configuration_is_listed_as_broken_and_has_no_values()
    {
        KernelRun kernel = Measured();
        kernel.Checks[2] = Broken("recipe");

        KernelSummary summary = Summaries.Summarize(kernel, Settings3);

        summary.Broken.Should().ContainSingle().Which.Configuration.Should().Be("recipe");
        summary.Workloads.Should().NotContain(w => w.Configuration == "recipe");
        summary.Recipe.Should().BeEmpty();
    }

    [Fact]
    public void Failed_measurements_are_counted_and_left_out_of_the_values()
    {
        KernelRun kernel = Measured();
        kernel.Samples.RemoveAll(s => s.Configuration == "peer" && s.Workload == "tcp1");
        kernel.Samples.AddRange(Series("peer", "tcp1", 1, 99, null, 95));

        WorkloadSummary peer = Summaries.Summarize(kernel, Settings3).Find("peer", "tcp1")!;

        peer.Failed.Should().Be(1);
        peer.Values!.Count.Should().Be(2);
        peer.RatioToBaseline!.Median.Should().BeApproximately(0.97, 1e-9);
    }

    [Fact]
    public void Targets_are_met_missed_or_not_measured_with_the_reason()
    {
        IReadOnlyList<TargetVerdict> targets = Summaries.Summarize(Measured(), Settings3).Targets;

        Verdict(targets, "bulk TCP, 1 stream", "peer").Should().BeEquivalentTo(new { Outcome = TargetOutcome.Met, Measured = 0.995, Low = 0.99, High = 1.01 });
        Verdict(targets, "small packets (udp64) >= 1x plain", "peer").Outcome.Should().Be(TargetOutcome.Met);
        Verdict(targets, "small packets (udp64) >= 1.15x the recipe", "peer").Outcome.Should().Be(TargetOutcome.Met);
        Verdict(targets, "request/response (rr) >= 1.15x the recipe", "peer").Should().BeEquivalentTo(new { Outcome = TargetOutcome.NotMeasured, Note = "rr is not in this run" });
        Verdict(targets, "lookup cost", "peer").Should().BeEquivalentTo(new { Outcome = TargetOutcome.Missed, Measured = 1000.0 / 850 });
        Verdict(targets, "memory per entry", "peer").Should().BeEquivalentTo(new { Outcome = TargetOutcome.Met, Measured = 96.0 });
        Verdict(targets, "bulk TCP, 4 streams", "peer").Should().BeEquivalentTo(new { Outcome = TargetOutcome.NotMeasured, Note = "tcp4 is not in this run" });
        Verdict(targets, "bulk TCP, 1 stream", "flow").Note.Should().Be("no repetition measured both it and plain routing");
    }

    [Fact]
    public void The_memory_target_is_judged_on_the_tables_own_pages_when_they_were_measured()
    {
        KernelRun kernel = Measured();
        kernel.Facts.Clear();
        kernel.Facts.AddRange([new Fact("bytes_per_entry", 131, "bytes", "unreclaimable slab grew"), new Fact("kernel_bytes_per_entry", 124.5, "bytes", "the reflect_entry cache grew")]);

        TargetVerdict verdict = Verdict(Summaries.Summarize(kernel, Settings3).Targets, "memory per entry", "peer");

        verdict.Should().BeEquivalentTo(new { Outcome = TargetOutcome.Met, Measured = 124.5, Note = "the reflect_entry cache grew" });
    }

    [Fact]
    public void A_missed_target_says_whether_the_repetitions_straddle_it_or_all_fall_short()
    {
        KernelRun kernel = Measured();
        kernel.Samples.RemoveAll(s => s.Configuration == "peer");
        kernel.Samples.AddRange(Series("peer", "tcp1", 1, 95, 99, 96));
        kernel.Samples.AddRange(Series("peer", "udp64", 1, 900, 720, 900));

        IReadOnlyList<TargetVerdict> targets = Summaries.Summarize(kernel, Settings3).Targets;

        Verdict(targets, "bulk TCP, 1 stream", "peer").Should().BeEquivalentTo(new { Outcome = TargetOutcome.Missed, Measured = 0.96 });
        Verdict(targets, "bulk TCP, 1 stream", "peer").Note.Should().Contain("from 0.950 to 0.990, across the target");
        Verdict(targets, "small packets (udp64) >= 1x plain", "peer").Note.Should().Be("below the target in every repetition (3 of 3)");
    }

    [Fact]
    public void A_ratio_whose_median_meets_the_target_but_whose_repetitions_reach_below_it_is_missed()
    {
        KernelRun kernel = Measured();
        kernel.Samples.RemoveAll(s => s.Configuration == "peer" && s.Workload == "tcp1");
        kernel.Samples.AddRange(Series("peer", "tcp1", 1, 100, 98, 101));

        TargetVerdict verdict = Verdict(Summaries.Summarize(kernel, Settings3).Targets, "bulk TCP, 1 stream", "peer");

        verdict.Should().BeEquivalentTo(new { Outcome = TargetOutcome.Missed, Measured = 1.0, Low = 0.98 });
        verdict.Note.Should().Contain("across the target: not told apart from noise");
    }

    [Fact]
    public void Learning_is_judged_on_what_a_new_peer_costs_beyond_a_known_one_with_the_whole_flood_beside_it()
    {
        TargetVerdict verdict = Verdict(Summaries.Summarize(Measured(), Settings3).Targets, "learning", "peer");

        verdict.Should().BeEquivalentTo(new { Outcome = TargetOutcome.Met, Measured = 550_000.0, Unit = "entries/s" });
        verdict.Note.Should().Be("learning's own cost: the same flood again; the whole flood: 58,000 entries/s (the whole flood)");
    }

    [Fact]
    public void Without_the_second_flood_learning_is_judged_on_the_whole_floods_rate()
    {
        KernelRun kernel = Measured();
        kernel.Facts.RemoveAll(f => f.Name == "learn_rate_own");

        TargetVerdict verdict = Verdict(Summaries.Summarize(kernel, Settings3).Targets, "learning", "peer");

        verdict.Should().BeEquivalentTo(new { Outcome = TargetOutcome.Missed, Measured = 58_000.0, Note = "the whole flood" });
    }

    [Fact]
    public void A_run_that_stops_below_a_million_entries_does_not_judge_the_lookup_cost_target()
    {
        KernelRun kernel = Measured();
        kernel.TableScale[1] = TablePoint(100_000, 990, 990);

        TargetVerdict verdict = Verdict(Summaries.Summarize(kernel, Settings3).Targets, "lookup cost", "peer");

        verdict.Outcome.Should().Be(TargetOutcome.NotMeasured);
        verdict.Note.Should().Contain("stops at 100,000 entries");
    }

    [Fact]
    public void Without_plain_routing_no_ratio_target_can_be_judged()
    {
        KernelRun kernel = Measured();
        kernel.Checks[0] = Broken("plain");

        IReadOnlyList<TargetVerdict> targets = Summaries.Summarize(kernel, Settings3).Targets;

        Verdict(targets, "bulk TCP, 1 stream", "peer").Should().BeEquivalentTo(new { Outcome = TargetOutcome.NotMeasured, Note = "plain routing, the baseline, is broken" });
    }

    private static TargetVerdict Verdict(IReadOnlyList<TargetVerdict> targets, string target, string configuration) =>
        targets.Single(t => t.Target.Contains(target, StringComparison.Ordinal) && t.Configuration == configuration);
}
