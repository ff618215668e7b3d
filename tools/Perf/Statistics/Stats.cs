// SPDX-License-Identifier: MIT
using Reflect.Perf.Results;

namespace Reflect.Perf.Statistics;

/// <summary>Median, smallest and largest of some values, and how many there were.</summary>
internal sealed record Spread(double Median, double Min, double Max, int Count)
{
    /// <summary>Null for no values: nothing was measured, which is not the same as zero.</summary>
    public static Spread? Of(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : new Spread(Stats.Median(list), list.Min(), list.Max(), list.Count);
    }

    /// <summary>(max - min) / median: 0.01 is a spread of 1 %.</summary>
    public double RelativeWidth => Median == 0 ? double.PositiveInfinity : (Max - Min) / Math.Abs(Median);
}

internal static class Stats
{
    /// <summary>The middle value; for an even count the mean of the two middle ones.</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("the median of no values is undefined", nameof(values));
        }

        var sorted = values.Order().ToList();
        int middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The measured values: the warm-up and failed measurements left out.</summary>
    public static IEnumerable<Sample> Measured(IEnumerable<Sample> samples) =>
        samples.Where(s => !s.WarmUp && s.Value is not null);

    /// <summary>
    /// Ratios paired per repetition: repetition i of <paramref name="numerator"/> divided by
    /// repetition i of <paramref name="denominator"/>, for every repetition both measured (warm-up
    /// excluded). Pairing cancels what one repetition shared across configurations (a slow moment
    /// of the host), which dividing the two medians would not.
    /// </summary>
    public static IReadOnlyList<double> PairedRatios(IEnumerable<Sample> numerator, IEnumerable<Sample> denominator)
    {
        var below = Measured(denominator).Where(s => s.Value > 0).GroupBy(s => s.Repetition).ToDictionary(g => g.Key, g => g.First().Value!.Value);
        return Measured(numerator)
            .Where(s => below.ContainsKey(s.Repetition))
            .OrderBy(s => s.Repetition)
            .Select(s => s.Value!.Value / below[s.Repetition])
            .ToList();
    }
}
