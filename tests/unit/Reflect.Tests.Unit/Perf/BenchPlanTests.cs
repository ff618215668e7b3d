// SPDX-License-Identifier: MIT
using Reflect.Perf.Plan;

namespace Reflect.Tests.Unit.Perf;

public sealed class BenchPlanTests
{
    [Fact]
    public void Preparation_sets_up_then_switches_to_and_checks_each_configuration()
    {
        IReadOnlyList<Step> steps = BenchPlan.Preparation(BenchSettings.Full with { Configurations = ["plain", "peer"] });

        steps.Select(s => s.ToString()).Should().Equal("setup", "versions", "config plain", "check plain", "config peer", "check peer");
    }

    [Fact]
    public void A_broken_configuration_is_never_switched_to_or_measured()
    {
        BenchSettings settings = BenchSettings.Full;
        var working = settings.Configurations.Where(c => c != "flow").ToList();

        IReadOnlyList<Step> steps = BenchPlan.Measurement(settings, working);

        steps.Should().NotContain(s => s.Configuration == "flow");
        steps.Count(s => s.Kind == StepKind.Config).Should().Be(1 + 5 * 5 + 1);
    }

    [Fact]
    public void Each_visit_switches_configuration_once_and_measures_every_workload()
    {
        BenchSettings settings = BenchSettings.QuickRun;

        IEnumerable<Step> steps = BenchPlan.Measurement(settings, ["plain", "peer"]).Take(9);

        steps.Select(s => s.ToString()).Should().Equal(
            "config plain", "warm-up plain tcp1", "warm-up plain udp64",
            "config peer", "rep 1 peer tcp1", "rep 1 peer udp64", "config plain", "rep 1 plain tcp1", "rep 1 plain udp64");
    }

    [Fact]
    public void The_warm_up_measures_for_the_warm_up_time_and_the_repetitions_for_the_full_time()
    {
        var steps = BenchPlan.Measurement(BenchSettings.Full, ["plain", "peer"]).Where(s => s.Kind == StepKind.Measure && s.Entries == 0).ToList();

        steps.Where(s => s.IsWarmUp).Should().OnlyContain(s => s.Seconds == 1).And.HaveCount(4);
        steps.Where(s => !s.IsWarmUp).Should().OnlyContain(s => s.Seconds == 3).And.HaveCount(2 * 5 * 4);
    }

    [Fact]
    public void The_table_scale_run_fills_growing_tables_in_peer_mode_and_measures_udp64_at_each_size()
    {
        var steps = BenchPlan.Measurement(BenchSettings.QuickRun, ["plain", "peer"]).ToList();
        IEnumerable<Step> table = steps.Skip(steps.FindLastIndex(s => s.Kind == StepKind.Config));

        table.Select(s => s.ToString()).Should().Equal(
            "config peer", "fill 1,000", "table 1,000 rep 1 udp64", "table 1,000 rep 2 udp64",
            "fill 100,000", "table 100,000 rep 1 udp64", "table 100,000 rep 2 udp64", "facts", "teardown");
    }

    [Fact]
    public void Without_a_working_peer_mode_there_is_no_table_scale_run()
    {
        IReadOnlyList<Step> steps = BenchPlan.Measurement(BenchSettings.Full, ["plain", "flow"]);

        steps.Should().NotContain(s => s.Kind == StepKind.Fill || s.Entries > 0);
        steps.TakeLast(2).Select(s => s.Kind).Should().Equal(StepKind.Facts, StepKind.Teardown);
    }

    [Fact]
    public void Quick_runs_fewer_and_shorter_measurements_of_fewer_workloads()
    {
        var quick = BenchSettings.Choose(quick: true, repetitions: null, seconds: null);

        quick.Should().BeEquivalentTo(new { Repetitions = 2, Seconds = 1 });
        quick.Workloads.Should().Equal("tcp1", "udp64");
        quick.TableSizes.Should().Equal(1_000, 100_000);
        BenchSettings.Choose(quick: false, repetitions: 7, seconds: 2).Should().BeEquivalentTo(new { Repetitions = 7, Seconds = 2 });
    }

    [Fact]
    public void Fewer_than_one_repetition_or_second_is_a_usage_error()
    {
        Func<BenchSettings> noRepetitions = () => BenchSettings.Choose(quick: false, repetitions: 0, seconds: null);
        Func<BenchSettings> noSeconds = () => BenchSettings.Choose(quick: false, repetitions: null, seconds: 0);

        noRepetitions.Should().Throw<ArgumentException>().WithMessage("*--reps*");
        noSeconds.Should().Throw<ArgumentException>().WithMessage("*--seconds*");
    }
}
