// SPDX-License-Identifier: MIT
using Reflect.Perf.Charts;
using Reflect.Perf.Plan;
using Reflect.Perf.Results;
using static Reflect.Tests.Unit.Perf.PerfData;

namespace Reflect.Tests.Unit.Perf;

public sealed class GnuplotChartsTests
{
    private static BenchRun TwoKernels()
    {
        BenchSettings settings = Settings("plain", "peer", "flow");
        KernelRun first = Kernel("6.1");
        first.Checks.AddRange([Works("plain"), Works("peer"), Broken("flow")]);
        first.Samples.AddRange(Series("plain", "tcp1", 1, 600, 620, 610));
        first.Samples.AddRange(Series("peer", "tcp1", 1, 590, 600, 595));
        first.Samples.AddRange(Series("plain", "udp64", 1, 81000, 80000, 82000));
        first.Samples.AddRange(Series("peer", "udp64", 1, 79000, 79500, 80000));
        first.TableScale.AddRange([TablePoint(1_000, 80000), TablePoint(1_000_000, 64000)]);
        KernelRun second = Kernel("sid");
        second.Checks.AddRange([Works("plain"), Works("peer"), Works("flow")]);
        second.Samples.AddRange(Series("plain", "udp64", 1, 70000));
        second.TableScale.Add(TablePoint(1_000, 70000));
        return PerfData.Run(settings, first, second);
    }

    private static ChartSource Chart(string name) => GnuplotCharts.Build(TwoKernels()).Single(c => c.Name == name);

    [Fact]
    public void There_is_a_throughput_a_udp64_and_a_table_cost_chart()
    {
        GnuplotCharts.Build(TwoKernels()).Select(c => c.Name).Should().Equal("throughput", "udp64", "table-cost");
    }

    [Fact]
    public void Every_chart_is_drawn_as_svg_and_as_png_from_its_data_file()
    {
        foreach (ChartSource chart in GnuplotCharts.Build(TwoKernels()))
        {
            chart.Script.Should().Contain("set terminal svg size").And.Contain($"set output '{chart.Name}.svg'")
                .And.Contain("set terminal pngcairo size").And.Contain($"set output '{chart.Name}.png'")
                .And.Contain($"'{chart.Name}.dat' using").And.Contain("set datafile missing '-'");
            chart.Script.IndexOf("svg", StringComparison.Ordinal).Should().BeLessThan(chart.Script.IndexOf("replot", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Bar_data_has_a_row_per_configuration_and_median_min_max_per_kernel_with_dashes_where_nothing_was_measured()
    {
        string[] data = Chart("udp64").Data.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        data.Should().Equal(
            "# configuration  [6.1: median min max]  [sid: median min max]",
            "plain 81000 80000 82000 70000 70000 70000",
            "peer 79500 79000 80000 - - -",
            "flow - - - - - -");
    }

    [Fact]
    public void Bars_plot_one_series_per_kernel_and_workload_with_error_bars_from_min_to_max()
    {
        string script = Chart("throughput").Script;

        script.Should().Contain("set style histogram errorbars")
            .And.Contain("plot 'throughput.dat' using 2:3:4:xtic(1) title '6.1 tcp1'")
            .And.Contain("'' using 5:6:7 title 'sid tcp1'");
    }

    [Fact]
    public void The_cost_chart_plots_relative_cost_against_entries_on_a_log_scale_with_the_target()
    {
        ChartSource chart = Chart("table-cost");

        chart.Data.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            "# entries  [6.1: relative cost]  [sid: relative cost]",
            "1000 1 1",
            "1000000 1.25 -");
        chart.Script.Should().Contain("set logscale x 10").And.Contain("1.1 with lines dashtype 2");
    }

    [Fact]
    public void A_run_without_bulk_workloads_or_table_sizes_has_no_such_charts()
    {
        BenchRun run = TwoKernels();
        BenchRun udpOnly = PerfData.Run(run.Settings with { Workloads = [Workloads.Udp64] }, Kernel());

        GnuplotCharts.Build(udpOnly).Select(c => c.Name).Should().Equal("udp64");
    }

    [Fact]
    public void Titles_are_quoted_for_gnuplot()
    {
        GnuplotCharts.Quote("it's 6.1").Should().Be("'it''s 6.1'");
    }
}
