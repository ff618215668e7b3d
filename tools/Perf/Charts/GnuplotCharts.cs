// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text;
using Reflect.Perf.Plan;
using Reflect.Perf.Report;
using Reflect.Perf.Results;
using Reflect.Perf.Statistics;

namespace Reflect.Perf.Charts;

/// <summary>
/// One chart: a gnuplot script and the data file it reads (whitespace-separated columns, <c>-</c>
/// where nothing was measured), both written beside the report; the script draws the chart as
/// SVG and as PNG.
/// </summary>
internal sealed record ChartSource(string Name, string Title, string Data, string Script)
{
    public string DataFile => Name + ".dat";
    public string ScriptFile => Name + ".gp";
    public string Svg => Name + ".svg";
    public string Png => Name + ".png";
    public ChartLink Link => new(Title, Svg, Png);
}

/// <summary>
/// The charts of a run, generated as text: bulk TCP throughput and udp64 packets per second per
/// configuration and kernel (bars at the median, error bars from min to max over the
/// repetitions), and the lookup cost against the table size per kernel.
/// </summary>
internal static class GnuplotCharts
{
    public const string Missing = "-";

    public static IReadOnlyList<ChartSource> Build(BenchRun run)
    {
        var summaries = run.Kernels.Select(k => (Kernel: k, Summary: k.Summary ?? Summaries.Summarize(k, run.Settings))).ToList();
        var charts = new List<ChartSource>();
        var bulk = Workloads.Bulk.Where(run.Settings.Workloads.Contains).ToList();
        if (bulk.Count > 0)
        {
            charts.Add(Bars("throughput", "Bulk TCP, appliance to client: median Mbit/s, bars min to max", "Mbit/s",
                run.Settings.Configurations, summaries.SelectMany(s => bulk.Select(w => ($"{s.Kernel.Series} {w}", s.Summary, w))).ToList()));
        }

        if (run.Settings.Workloads.Contains(Workloads.Udp64))
        {
            charts.Add(Bars("udp64", "UDP, 64-byte payloads, appliance to client: median packets/s, bars min to max", "packets/s",
                run.Settings.Configurations, summaries.Select(s => (s.Kernel.Series, s.Summary, Workloads.Udp64)).ToList()));
        }

        if (summaries.Any(s => s.Summary.TableScale.Any(t => t.RelativeCost is not null)))
        {
            charts.Add(TableCost(summaries.Select(s => (s.Kernel.Series, s.Summary)).ToList()));
        }

        return charts;
    }

    /// <summary>Clustered bars: one cluster per configuration, one bar per series (kernel, or kernel and workload).</summary>
    private static ChartSource Bars(string name, string title, string unit, IReadOnlyList<string> configurations,
        IReadOnlyList<(string Title, KernelSummary Summary, string Workload)> series)
    {
        var data = new StringBuilder();
        data.Append("# configuration").Append(string.Concat(series.Select(s => $"  [{s.Title}: median min max]"))).Append('\n');
        foreach (string configuration in configurations)
        {
            data.Append(configuration);
            foreach ((string _, KernelSummary summary, string workload) in series)
            {
                Spread? values = summary.Find(configuration, workload)?.Values;
                data.Append(values is null ? $" {Missing} {Missing} {Missing}" : $" {Number(values.Median)} {Number(values.Min)} {Number(values.Max)}");
            }

            data.Append('\n');
        }

        IEnumerable<string> plots = series.Select((s, i) =>
            $"{(i == 0 ? Quote(name + ".dat") : "''")} using {2 + 3 * i}:{3 + 3 * i}:{4 + 3 * i}{(i == 0 ? ":xtic(1)" : "")} title {Quote(s.Title)}");
        int width = Math.Max(960, 200 + configurations.Count * (series.Count + 1) * 18);
        string script = Preamble(name, title, width) +
            "set style data histograms\n" +
            "set style histogram errorbars gap 1 lw 1\n" +
            "set style fill solid 0.7 border -1\n" +
            "set boxwidth 0.9\n" +
            "set yrange [0:*]\n" +
            "set grid ytics\n" +
            "set xtics nomirror noenhanced\n" +
            $"set ylabel {Quote(unit)}\n" +
            Draw(name, width, "plot " + string.Join(", \\\n     ", plots));
        return new ChartSource(name, title, data.ToString(), script);
    }

    private static ChartSource TableCost(IReadOnlyList<(string Series, KernelSummary Summary)> kernels)
    {
        const string name = "table-cost";
        const string title = "Lookup cost against table size, peer mode (1/udp64 pps, relative to the smallest table)";
        var sizes = kernels.SelectMany(k => k.Summary.TableScale.Select(t => t.Entries)).Distinct().Order().ToList();
        var data = new StringBuilder();
        data.Append("# entries").Append(string.Concat(kernels.Select(k => $"  [{k.Series}: relative cost]"))).Append('\n');
        foreach (int entries in sizes)
        {
            data.Append(entries.ToString(CultureInfo.InvariantCulture));
            foreach ((string _, KernelSummary summary) in kernels)
            {
                data.Append(' ').Append(summary.TableScale.FirstOrDefault(t => t.Entries == entries)?.RelativeCost is { } cost ? Number(cost) : Missing);
            }

            data.Append('\n');
        }

        IEnumerable<string> plots = kernels.Select((k, i) =>
            $"{(i == 0 ? Quote(name + ".dat") : "''")} using 1:{2 + i} with linespoints lw 2 pt 7 title {Quote(k.Series)}")
            .Append($"{Number(Targets.LookupCostAtLargestTable)} with lines dashtype 2 lc rgb 'gray40' title {Quote($"target at {Targets.LookupCostTableSize:N0} entries")}");
        string script = Preamble(name, title, 960) +
            "set logscale x 10\n" +
            "set format x '%.0s%c'\n" +
            "set xlabel 'other entries in the table'\n" +
            "set ylabel 'cost relative to the smallest table'\n" +
            "set yrange [0:*]\n" +
            // Room above the target line and beside the first and last sizes.
            "set offsets graph 0.05, graph 0.05, graph 0.15, 0\n" +
            "set grid\n" +
            Draw(name, 960, "plot " + string.Join(", \\\n     ", plots));
        return new ChartSource(name, title, data.ToString(), script);
    }

    private static string Preamble(string name, string title, int width) =>
        $"# Drawn by reflect-perf from {name}.dat: `gnuplot {name}.gp` in this directory writes {name}.svg and {name}.png.\n" +
        "set encoding utf8\n" +
        $"set datafile missing {Quote(Missing)}\n" +
        $"set title {Quote(title)} noenhanced\n" +
        "set key outside right top noenhanced\n";

    /// <summary>The plot once per output: SVG, then PNG (pngcairo) of the same size.</summary>
    private static string Draw(string name, int width, string plot) =>
        $"set terminal svg size {width},540 dynamic font 'sans,11' background rgb 'white'\n" +
        $"set output {Quote(name + ".svg")}\n" +
        plot + "\n" +
        $"set terminal pngcairo size {width},540 font 'sans,11' background rgb 'white'\n" +
        $"set output {Quote(name + ".png")}\n" +
        "replot\n" +
        "set output\n";

    /// <summary>A gnuplot single-quoted string: a quote inside is doubled.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "''") + "'";

    private static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
