// SPDX-License-Identifier: MIT
using System.ComponentModel;
using Reflect.Guest.Processes;
using Reflect.Perf.Report;

namespace Reflect.Perf.Charts;

/// <summary>Writes each chart's data and script into the output directory and runs gnuplot on it.</summary>
internal static class ChartRenderer
{
    /// <returns>The charts drawn, and why some were not (null when all were).</returns>
    public static async Task<(IReadOnlyList<ChartLink> Drawn, string? Problem)> DrawAsync(
        IReadOnlyList<ChartSource> charts, string directory, CancellationToken cancellationToken)
    {
        var drawn = new List<ChartLink>();
        var problems = new List<string>();
        foreach (ChartSource chart in charts)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, chart.DataFile), chart.Data, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(directory, chart.ScriptFile), chart.Script, cancellationToken);
            try
            {
                await Command.RunCheckedAsync("gnuplot", [chart.ScriptFile], TimeSpan.FromMinutes(1), directory, cancellationToken: cancellationToken);
                drawn.Add(chart.Link);
            }
            catch (Win32Exception)
            {
                return (drawn, "gnuplot is not installed (Debian package gnuplot-nox; ci/bench installs it)");
            }
            catch (Exception e) when (e is CommandException or TimeoutException)
            {
                problems.Add($"{chart.ScriptFile}: {e.Message}");
            }
        }

        return (drawn, problems.Count > 0 ? string.Join("; ", problems) : null);
    }
}
