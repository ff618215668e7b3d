// SPDX-License-Identifier: MIT
using Reflect.Perf.Plan;

namespace Reflect.Tests.Unit.Perf;

public sealed class StepCostsTests
{
    [Fact]
    public void A_measurement_costs_its_seconds_plus_the_overhead_and_a_fill_its_fixed_part_and_its_entries()
    {
        StepCosts costs = StepCosts.Assumed with { MeasureOverhead = 1.5, FillFixed = 3, FillPerEntry = 1e-4 };

        costs.SecondsFor(new Step(StepKind.Measure, "peer", "tcp1", 1, Seconds: 3)).Should().Be(4.5);
        costs.SecondsFor(new Step(StepKind.Fill, "peer", Entries: 100_000)).Should().BeApproximately(13, 1e-9);
    }

    [Fact]
    public void Fills_of_two_sizes_give_the_fixed_part_and_the_part_per_entry()
    {
        // What 6.1-rt's fills took on 2026-11-21: nearly all fixed at 1,000 entries.
        StepTime[] done =
        [
            new(new Step(StepKind.Fill, "peer", Entries: 1_000), 3.4),
            new(new Step(StepKind.Fill, "peer", Entries: 10_000), 3.7),
            new(new Step(StepKind.Fill, "peer", Entries: 100_000), 7.2),
        ];

        StepCosts costs = StepCosts.Assumed.CalibratedBy(done);

        costs.FillFixed.Should().BeApproximately(3.3, 0.1);
        costs.FillPerEntry.Should().BeApproximately(39e-6, 1e-6);
        costs.SecondsFor(new Step(StepKind.Fill, "peer", Entries: 1_000_000)).Should().BeInRange(30, 50, "a million took 38.7 s");
    }

    [Fact]
    public void One_fill_keeps_the_assumed_part_per_entry_and_takes_the_rest_as_fixed()
    {
        StepCosts costs = StepCosts.Assumed.CalibratedBy([new(new Step(StepKind.Fill, "peer", Entries: 1_000), 3.4)]);

        costs.FillPerEntry.Should().Be(StepCosts.Assumed.FillPerEntry);
        costs.FillFixed.Should().BeApproximately(3.4 - 1_000 * StepCosts.Assumed.FillPerEntry, 1e-9);
    }

    [Fact]
    public void Measured_step_times_replace_the_assumptions_of_their_kind_only()
    {
        StepTime[] done =
        [
            new(new Step(StepKind.Config, "plain"), 1.0),
            new(new Step(StepKind.Config, "peer"), 2.0),
            new(new Step(StepKind.Measure, "plain", "tcp1", 1, Seconds: 3), 3.5),
        ];

        StepCosts costs = StepCosts.Assumed.CalibratedBy(done, guestStart: 20);

        costs.Config.Should().Be(1.5);
        costs.MeasureOverhead.Should().Be(0.5);
        costs.FillFixed.Should().Be(StepCosts.Assumed.FillFixed);
        costs.GuestStart.Should().Be(20);
        costs.Check.Should().Be(StepCosts.Assumed.Check);
    }

    [Fact]
    public void The_estimate_adds_every_step_and_the_guest_start_when_asked()
    {
        var costs = new StepCosts(Setup: 10, Versions: 2, Config: 3, Check: 6, MeasureOverhead: 1, FillFixed: 0, FillPerEntry: 0, Facts: 20, Teardown: 5, GuestStart: 30);
        Step[] steps = [new(StepKind.Setup), new(StepKind.Config, "plain"), new(StepKind.Measure, "plain", "tcp1", 1, Seconds: 3)];

        costs.Estimate(steps, withGuestStart: false).Should().Be(TimeSpan.FromSeconds(17));
        costs.Estimate(steps, withGuestStart: true).Should().Be(TimeSpan.FromSeconds(47));
    }

    [Fact]
    public void A_full_run_is_planned_within_the_fifteen_minutes_a_kernel_may_take()
    {
        TimeSpan full = StepCosts.Assumed.Estimate(BenchPlan.Whole(BenchSettings.Full), withGuestStart: true);

        full.Should().BeLessThanOrEqualTo(BenchSettings.Full.Budget);
    }

    [Fact]
    public void The_plan_lists_each_kind_of_step_with_its_count_and_the_total()
    {
        string text = PlanReport.Describe(BenchSettings.QuickRun, StepCosts.Assumed, calibratedFrom: null);

        // 6 configurations x 2 workloads x 2 repetitions, 2 warm-up measurements, 2 table sizes x 2.
        text.Should().Contain("quick run").And.Contain("measure x 30").And.Contain("fill x 2").And.MatchRegex(@"total\s+\d+ s = \d+\.\d min");
    }
}
