// SPDX-License-Identifier: MIT
using Reflect.Perf.Charts;
using Reflect.Perf.Plan;
using Reflect.Perf.Protocol;
using Reflect.Perf.Report;
using Reflect.Perf.Results;
using static Reflect.Tests.Unit.Perf.PerfData;

namespace Reflect.Tests.Unit.Perf;

public sealed class ReportTests
{
    private static readonly BenchSettings Settings3 = Settings("plain", "peer", "recipe");

    private static BenchRun Run()
    {
        KernelRun kernel = Kernel();
        kernel.Checks.AddRange([Works("plain"), Works("peer"), Broken("recipe")]);
        kernel.Samples.AddRange(Series("plain", "tcp1", 1, 600, 620, 610));
        kernel.Samples.AddRange(Series("peer", "tcp1", 1, 594, 620, 604));
        kernel.Samples.AddRange(Series("plain", "udp64", 1, 81000, 80000, 82000));
        kernel.Samples.AddRange(Series("peer", "udp64", 1, 79380, 79200, 80360));
        kernel.TableScale.AddRange([TablePoint(1_000, 80000, 80000), TablePoint(1_000_000, 75000, 76000)]);
        kernel.Facts.AddRange([new Fact("bytes_per_entry", 96, "bytes", "slab grew"), new Fact("learn_rate", 41000, "entries/s", "pktgen")]);
        return PerfData.Run(Settings3, kernel);
    }

    private static string Report(BenchRun run) =>
        MarkdownReport.Render(run, [new ChartLink("udp64 chart", "udp64.svg", "udp64.png")], chartProblem: null);

    [Fact]
    public void The_report_says_where_its_numbers_come_from()
    {
        string report = Report(Run());

        report.Should().Contain("`REFLECT_KERNELS=6.1 ci/bench`")
            .And.Contain("QEMU emulator version 7.2.22")
            .And.Contain("host CPU: AMD EPYC")
            .And.Contain("## 6.1: linux-image-6.1.0-56-amd64 6.1.192-2")
            .And.Contain("linux-kbuild-6.1 6.1.192-2")
            .And.Contain("guest: kernel 6.1.0-56-amd64, CPU QEMU TCG CPU; iperf3 iperf 3.12, sockperf version 3.10")
            .And.Contain("started 2026-11-21 10:00:00 +00:00")
            .And.Contain("absolute numbers mean little")
            .And.Contain("clock: **wall-clock time**").And.Contain("2 vCPUs");
    }

    [Fact]
    public void A_run_in_instruction_time_says_so_in_every_table_and_explains_the_cost_model()
    {
        BenchRun run = Run();
        run = PerfData.Run(run.Settings with { Clock = BenchClock.Icount }, run.Kernels[0]);

        string report = Report(run);

        report.Should().Contain("clock: **instruction time**").And.Contain("-icount shift=0,sleep=off").And.Contain("1 vCPU,")
            .And.Contain("cost model").And.NotContain("wall-clock time)");
        foreach (string section in new[] { "## Headline", "### Ratio to plain routing", "### Repeatability", "### Cost per unit of work", "### Targets", "### Table scale", "### Absolute values" })
        {
            Section(report, section).Should().StartWith(section + " (instruction time").And.NotBeNullOrEmpty();
        }

        Section(report, "### Cost per unit of work").Should().Contain("| configuration (instructions per unit) | tcp1 | udp64 |");
    }

    [Fact]
    public void The_spread_of_each_configurations_repetitions_is_tabulated_with_the_largest_named()
    {
        string spreads = Section(Report(Run()), "### Repeatability");

        spreads.Should().Contain("Largest: 4.30 % (peer, tcp1); 4 of 4 are wider than 1 %.");
        spreads.Should().Contain("| plain | 3.28 % | 2.47 % |").And.Contain("| peer | 4.30 % | 1.46 % |");
    }

    [Fact]
    public void The_cost_of_a_unit_of_work_is_1e9_over_the_rate_with_the_difference_to_plain_routing()
    {
        string costs = Section(Report(Run()), "### Cost per unit of work");

        // tcp1: 610 Mbit/s is 52,659 segments of 1448 bytes a second; udp64: 1e9 / 81,000 pps.
        costs.Should().Contain("| plain | 18,990 | 12,346 |");
        costs.Should().Contain("| peer | 19,179 (+189) | 12,598 (+252) |");
    }

    [Fact]
    public void The_headline_gives_reflections_paired_ratios_per_kernel()
    {
        string headline = Section(Report(Run()), "## Headline");

        headline.Should().StartWith("## Headline (wall-clock time)");
        headline.Should().Contain("| kernel | package | tcp1 / plain | udp64 / plain | udp64 / recipe | lookup cost, largest / smallest table | learned per second | bytes per entry | largest spread | targets met |");
        headline.Should().Contain("| 6.1 | linux-image-6.1.0-56-amd64 6.1.192-2 | 0.990 [0.990–1.000] | 0.980 [0.980–0.990] | – | 1.060 (1,000,000 / 1,000) | 41,000 | 96 bytes | 4.30 % (peer, tcp1) | 3 of 5 (10 not measured) |");
    }

    [Fact]
    public void A_broken_configuration_is_reported_as_broken_with_what_the_check_saw()
    {
        string report = Report(Run());

        report.Should().Contain("| recipe | CONNMARK/fwmark recipe with per-router tables | no | yes | **broken**, not measured | tcp replies via R2: 0, via R1: 812 |");
        Section(report, "### Ratio to plain routing").Should().Contain("| recipe | broken | broken |");
        Section(report, "### Targets").Should().Contain("| small packets (udp64) >= 1.15x the recipe | peer | – | not measured | recipe is broken: tcp replies via R2: 0, via R1: 812 |");
    }

    [Fact]
    public void The_ratio_table_shows_plain_routing_in_absolute_terms_and_the_others_as_ratios()
    {
        string ratios = Section(Report(Run()), "### Ratio to plain routing");

        ratios.Should().Contain("| plain (absolute) | 610.0 [600.0–620.0] Mbit/s | 81,000 [80,000–82,000] pps |");
        ratios.Should().Contain("| peer | 0.990 [0.990–1.000] | 0.980 [0.980–0.990] |");
    }

    [Fact]
    public void Targets_table_scale_and_facts_are_tabulated()
    {
        string report = Report(Run());

        Section(report, "### Targets").Should().Contain("| bulk TCP, 1 stream >= 0.99x plain routing | peer | 0.990 [0.990–1.000] | met |  |");
        Section(report, "### Table scale").Should().Contain("| 1,000,000 | 1,000,000 | 81.0 s | 75,500 [75,000–76,000] pps | 13,245 | +745 | 1.060 |");
        Section(report, "### Facts").Should().Contain("| learn_rate | 41,000 | entries/s | pktgen |");
    }

    [Fact]
    public void The_time_each_kind_of_step_took_is_tabulated()
    {
        BenchRun run = Run();
        run.Kernels[0].Steps.AddRange([
            new StepTime(new Step(StepKind.Config, "plain"), 1.5),
            new StepTime(new Step(StepKind.Config, "peer"), 2.5),
            new StepTime(new Step(StepKind.Measure, "peer", "tcp1", 1, Seconds: 3), 4.0)]);

        string time = Section(Report(run), "### Where the time went");

        time.Should().Contain("| config | 2 | 4.0 s | 2.0 s |").And.Contain("| measure | 1 | 4.0 s | 4.0 s |");
    }

    [Fact]
    public void The_host_cpu_is_the_first_model_name_in_cpuinfo()
    {
        const string cpuinfo = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\nprocessor\t: 1\nmodel name\t: AMD EPYC 7B13\n";

        Reflect.Perf.Run.HostFacts.CpuModel(cpuinfo).Should().Be("AMD EPYC 7B13");
        Reflect.Perf.Run.HostFacts.CpuModel("").Should().Be("unknown");
    }

    [Fact]
    public void Charts_are_linked_or_their_absence_explained()
    {
        Report(Run()).Should().Contain("![udp64 chart](udp64.svg)").And.Contain("[PNG](udp64.png)");
        MarkdownReport.Render(Run(), [], "gnuplot is not installed").Should().Contain("Charts were not drawn: gnuplot is not installed");
    }

    [Fact]
    public void A_kernel_that_stopped_early_says_so_and_why()
    {
        BenchRun run = Run();
        run.Kernels[0].Error = "[6.1] the kernel reported trouble:\n  WARNING: ...";

        Report(run).Should().Contain("- **stopped early**: [6.1] the kernel reported trouble:   WARNING: ...");
    }

    [Fact]
    public void A_quick_run_is_labelled_as_a_smoke()
    {
        Report(PerfData.Run(BenchSettings.QuickRun)).Should().StartWith("# reflect performance (quick smoke, not a result)");
    }

    [Fact]
    public void Results_survive_a_round_trip_through_results_json_with_snake_case_names()
    {
        BenchRun run = Run();
        run.Kernels[0].Summary = Reflect.Perf.Statistics.Summaries.Summarize(run.Kernels[0], run.Settings);
        run.Kernels[0].Steps.Add(new StepTime(new Step(StepKind.Measure, "peer", "udp64", 1, Seconds: 3), 4.2));

        string json = ResultsFile.Serialize(run);
        BenchRun back = ResultsFile.Deserialize(json);

        json.Should().Contain("\"package_version\": \"6.1.192-2\"").And.Contain("\"ratio_to_baseline\"")
            .And.Contain("\"warm_up\": true").And.Contain("\"kind\": \"measure\"").And.Contain("\"outcome\": \"not_measured\"");
        back.Should().BeEquivalentTo(run, options => options.Excluding(r => r.Kernels[0].Summary));
        back.Kernels[0].Summary.Should().BeEquivalentTo(run.Kernels[0].Summary);
        ResultsFile.Serialize(back).Should().Be(json);
    }

    private static string Section(string report, string heading)
    {
        int start = report.IndexOf(heading, StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"the report has a section '{heading}'");
        int end = report.IndexOf("\n#", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? report[start..] : report[start..end];
    }
}
