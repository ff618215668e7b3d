// SPDX-License-Identifier: MIT
using System.Text.RegularExpressions;

namespace Reflect.Guest.Kernels;

/// <summary>
/// One line of <c>ci/kernels</c>: a kernel series and where its packages come from. A Debian
/// series names a linux-image package; a debug series (flag <c>debug</c>) names a linux-source
/// package, built with the debug configuration <c>ci/debug.config</c>.
/// </summary>
public sealed record KernelSeries(string Name, IReadOnlyList<string> Suites, Regex ImagePackage, bool IsDefault, bool IsDebug = false)
{
    public override string ToString() => Name;
}

/// <summary>The kernel matrix, read from <c>ci/kernels</c>.</summary>
public sealed class KernelMatrix
{
    /// <summary>Environment variable that narrows a run to some series: <c>REFLECT_KERNELS=6.1,sid</c>.</summary>
    public const string SelectionVariable = "REFLECT_KERNELS";

    /// <summary>The flags of a line: the kernel of ci/demo and ci/bench, and a debug kernel built from source.</summary>
    private static readonly string[] Flags = ["default", "debug"];

    private KernelMatrix(IReadOnlyList<KernelSeries> series) => Series = series;

    public IReadOnlyList<KernelSeries> Series { get; }

    public KernelSeries Default => Series.Single(s => s.IsDefault);

    public static KernelMatrix Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>The matrix of this checkout (<c>ci/kernels</c>).</summary>
    public static KernelMatrix LoadFromRepository() => Load(Path.Combine(RepositoryPaths.Root, "ci", "kernels"));

    public static KernelMatrix Parse(string text)
    {
        var series = new List<KernelSeries>();
        int lineNumber = 0;
        foreach (string rawLine in text.Split('\n'))
        {
            lineNumber++;
            string line = rawLine.Split('#', 2)[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length is < 3 or > 4)
            {
                throw new FormatException($"ci/kernels line {lineNumber}: expected 'name suites regex [flags]', got '{line}'");
            }

            string[] flags = fields.Length == 4 ? fields[3].Split(',') : [];
            foreach (string flag in flags.Where(f => !Flags.Contains(f)))
            {
                throw new FormatException($"ci/kernels line {lineNumber}: unknown flag '{flag}' (known: {string.Join(", ", Flags)})");
            }

            if (series.Any(s => s.Name == fields[0]))
            {
                throw new FormatException($"ci/kernels line {lineNumber}: series '{fields[0]}' listed twice");
            }

            series.Add(new KernelSeries(
                fields[0],
                fields[1].Split(',', StringSplitOptions.RemoveEmptyEntries),
                new Regex("^(?:" + fields[2] + ")$", RegexOptions.CultureInvariant),
                flags.Contains("default"),
                flags.Contains("debug")));
        }

        if (series.Count(s => s.IsDefault) != 1)
        {
            throw new FormatException("ci/kernels: exactly one series must be marked 'default'");
        }

        return new KernelMatrix(series);
    }

    /// <summary>
    /// The series named by <paramref name="selection"/> (comma-separated names, "all", or "default").
    /// An empty selection means every Debian series: a debug kernel runs the suite about six times
    /// slower than a Debian one under TCG, more than one machine's CI run can carry beside the
    /// others, so it runs when named (or with "all"), as its own CI shard. Unknown names are an
    /// error, not silently skipped.
    /// </summary>
    public IReadOnlyList<KernelSeries> Select(string? selection)
    {
        if (string.IsNullOrWhiteSpace(selection))
        {
            return Series.Where(s => !s.IsDebug).ToList();
        }

        if (selection.Trim() == "all")
        {
            return Series;
        }

        var chosen = new List<KernelSeries>();
        foreach (string name in selection.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            KernelSeries found = name == "default" ? Default : Series.FirstOrDefault(s => s.Name == name)
                ?? throw new ArgumentException($"unknown kernel series '{name}'; ci/kernels has: {string.Join(", ", Series.Select(s => s.Name))}");
            if (!chosen.Contains(found))
            {
                chosen.Add(found);
            }
        }

        return chosen;
    }

    /// <summary>The series selected by <see cref="SelectionVariable"/>.</summary>
    public IReadOnlyList<KernelSeries> SelectFromEnvironment() => Select(Environment.GetEnvironmentVariable(SelectionVariable));
}
