// SPDX-License-Identifier: MIT
using Reflect.Perf.Charts;
using Reflect.Perf.Results;
using Reflect.Perf.Statistics;

namespace Reflect.Perf.Report;

/// <summary>Everything under artifacts/bench/: results.json, the charts (data, scripts, SVG, PNG) and report.md.</summary>
internal static class ReportWriter
{
    /// <summary>Computes the summaries (again: they follow from the raw results) and writes every file.</summary>
    public static async Task<string> WriteAsync(BenchRun run, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        foreach (KernelRun kernel in run.Kernels)
        {
            kernel.Summary = Summaries.Summarize(kernel, run.Settings);
        }

        ResultsFile.Write(run, Path.Combine(directory, ResultsFile.Name));
        (IReadOnlyList<ChartLink> charts, string? problem) = await ChartRenderer.DrawAsync(GnuplotCharts.Build(run), directory, cancellationToken);
        string report = Path.Combine(directory, MarkdownReport.Name);
        await File.WriteAllTextAsync(report, MarkdownReport.Render(run, charts, problem), cancellationToken);
        return report;
    }
}
