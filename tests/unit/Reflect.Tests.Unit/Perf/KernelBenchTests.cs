// SPDX-License-Identifier: MIT
using Reflect.Perf.Plan;
using Reflect.Perf.Protocol;
using Reflect.Perf.Run;
using Reflect.Perf.Statistics;

namespace Reflect.Tests.Unit.Perf;

public sealed class KernelBenchTests
{
    private readonly FakeBenchShell _shell = new();
    private readonly List<string> _progress = [];
    private readonly Reflect.Perf.Results.KernelRun _run = PerfData.Kernel();

    private Task RunAsync(BenchSettings settings) =>
        new KernelBench(new BenchScript(_shell, "beef", "/checkout/tools/Perf/guest/bench.sh"), settings, _run, new ProgressLog("6.1", _progress.Add))
            .RunAsync(CancellationToken.None);

    private static readonly BenchSettings Small = BenchSettings.QuickRun with { Configurations = ["plain", "peer", "flow"] };

    [Fact]
    public async Task A_configuration_that_does_not_reflect_is_reported_broken_and_never_measured()
    {
        _shell.NotReflecting.Add("flow");

        await RunAsync(Small);

        _run.Checks.Single(c => c.Configuration == "flow").Ok.Should().BeFalse();
        _shell.Calls.Count(c => c == "config beef flow").Should().Be(1, "only the functional check switches to it");
        _shell.MeasuredIn.Should().NotContain("flow");
        _run.Samples.Should().NotContain(s => s.Configuration == "flow");
        Summaries.Summarize(_run, Small).Broken.Should().ContainSingle().Which.Configuration.Should().Be("flow");
    }

    [Fact]
    public async Task A_plain_configuration_that_reflects_is_broken_too()
    {
        _shell.NotReflecting.Add("plain");

        await RunAsync(Small);

        _run.Checks.Single(c => c.Configuration == "plain").Should().BeEquivalentTo(new { Reflects = true, Expected = false, Ok = false });
        _shell.MeasuredIn.Should().NotContain("plain");
    }

    [Fact]
    public async Task Every_working_configuration_is_measured_in_interleaved_repetitions_after_a_warm_up()
    {
        await RunAsync(Small);

        _run.Samples.Select(s => $"{s.Repetition} {s.Configuration} {s.Workload} {s.Seconds}").Should().Equal(
            "0 plain tcp1 1", "0 plain udp64 1",
            "1 peer tcp1 1", "1 peer udp64 1", "1 flow tcp1 1", "1 flow udp64 1", "1 plain tcp1 1", "1 plain udp64 1",
            "2 flow tcp1 1", "2 flow udp64 1", "2 plain tcp1 1", "2 plain udp64 1", "2 peer tcp1 1", "2 peer udp64 1");
        _run.Samples.Where(s => s.Repetition == 0).Should().OnlyContain(s => s.WarmUp);
        _run.Samples.Should().OnlyContain(s => s.Value != null);
    }

    [Fact]
    public async Task Setup_versions_checks_table_scale_facts_and_teardown_all_run_in_order()
    {
        await RunAsync(Small);

        _shell.Calls.Take(8).Should().Equal(
            "setup beef", "versions", "config beef plain", "check beef plain", "config beef peer", "check beef peer", "config beef flow", "check beef flow");
        _shell.Calls.Where(c => c.StartsWith("fill", StringComparison.Ordinal)).Should().Equal("fill beef 1000", "fill beef 100000");
        _shell.Calls.TakeLast(2).Should().Equal("facts beef", "teardown beef");
        _run.Guest!.Kernel.Should().Be("6.1.0-56-amd64");
        _run.TableScale.Select(t => (t.Entries, t.Samples.Count)).Should().Equal((1_000, 2), (100_000, 2));
        _run.Facts.Should().ContainSingle(f => f.Name == "bytes_per_entry");
        _run.Steps.Should().HaveCount(_shell.Calls.Count);
    }

    [Fact]
    public async Task A_failed_measurement_is_recorded_with_its_error_and_the_run_goes_on()
    {
        _shell.Fails = (configuration, line) => configuration == "peer" && line == "measure beef udp64 1";

        await RunAsync(Small);

        var failed = _run.Samples.Where(s => s.Value is null).ToList();
        failed.Should().HaveCount(2).And.OnlyContain(s => s.Configuration == "peer" && s.Workload == "udp64" && !s.WarmUp);
        failed[0].Error.Should().Contain("exited with 1").And.Contain("measure failed in peer");
        _run.Problems.Should().HaveCount(2 + 4, "the table-scale udp64 runs in peer mode too");
        _shell.Calls.Last().Should().Be("teardown beef");
    }

    [Fact]
    public async Task A_visit_whose_configuration_cannot_be_switched_to_is_skipped_with_its_reason()
    {
        int switches = 0;
        // The first switch is the check's, the second repetition 1's.
        _shell.Fails = (_, line) => line == "config beef peer" && ++switches == 2;

        await RunAsync(Small);

        var skipped = _run.Samples.Where(s => s.Value is null).ToList();
        skipped.Should().HaveCount(2).And.OnlyContain(s => s.Configuration == "peer" && s.Repetition == 1 && s.Error == "config peer failed");
        _progress.Should().Contain(line => line.Contains("rep 1 peer tcp1: skipped: config peer failed"));
    }

    [Fact]
    public async Task A_check_that_fails_to_run_makes_its_configuration_broken()
    {
        _shell.Fails = (_, line) => line == "check beef peer";

        await RunAsync(Small);

        _run.Checks.Single(c => c.Configuration == "peer").Detail.Should().StartWith("bench.sh check failed:");
        _shell.MeasuredIn.Should().NotContain("peer");
        _shell.Calls.Should().NotContain(c => c.StartsWith("fill", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_setup_stops_the_kernel_at_once()
    {
        _shell.Fails = (_, line) => line == "setup beef";

        Func<Task> run = () => RunAsync(Small);

        await run.Should().ThrowAsync<BenchSetupException>().WithMessage("*setup failed*");
        _shell.Calls.Should().Equal("setup beef");
    }

    [Fact]
    public async Task Progress_counts_steps_of_the_whole_run_and_ends_at_n_of_n()
    {
        _shell.NotReflecting.Add("flow");

        await RunAsync(Small);

        _progress.Should().HaveCount(_shell.Calls.Count + 2, "two lines project the kernel's total time");
        _progress[0].Should().StartWith("[6.1] 1/").And.Contain("setup: done");
        _progress.Last().Should().MatchRegex(@"^\[6\.1\] (\d+)/\1 teardown: done \(");
        _progress.Should().Contain(line => line.Contains("projected:") && line.Contains("budget"));
    }
}
