// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text;
using Reflect.Perf.Statistics;

namespace Reflect.Perf.Report;

/// <summary>Markdown tables and the number formats of the report, culture-invariant.</summary>
internal static class Markdown
{
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        Row(header);
        Row(header.Select(_ => "---").ToList());
        foreach (IReadOnlyList<string> row in rows)
        {
            Row(row);
        }

        return text.ToString();

        void Row(IReadOnlyList<string> cells) =>
            text.Append("| ").Append(string.Join(" | ", cells.Select(Cell))).Append(" |\n");
    }

    /// <summary>A cell on one line, its pipes escaped.</summary>
    public static string Cell(string text) => text.Replace("\r", "").Replace("\n", " ").Replace("|", "\\|").Trim();

    /// <summary>A ratio: three decimals, so 0.975 and 0.98 differ.</summary>
    public static string Ratio(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary><c>0.985 [0.972–1.003]</c>: median [min–max].</summary>
    public static string Ratio(Spread? spread) =>
        spread is null ? "–" : $"{Ratio(spread.Median)} [{Ratio(spread.Min)}–{Ratio(spread.Max)}]";

    /// <summary>A rate in its unit: Mbit/s with one decimal, counts (pps, transactions/s) whole with separators.</summary>
    public static string Value(double value, string? unit) =>
        unit is "Mbit/s" or "Gbit/s"
            ? value.ToString("#,0.0", CultureInfo.InvariantCulture)
            : value.ToString(Math.Abs(value) >= 100 ? "#,0" : "#,0.##", CultureInfo.InvariantCulture);

    public static string Values(Spread? spread, string? unit) =>
        spread is null ? "–" : $"{Value(spread.Median, unit)} [{Value(spread.Min, unit)}–{Value(spread.Max, unit)}] {unit}".TrimEnd();

    /// <summary>A fraction as a percentage with two decimals: 0.0123 is "1.23 %".</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %";

    /// <summary>A difference with its sign, in <see cref="Value"/>'s format: "+309", "−2,838".</summary>
    public static string Signed(double value) => (value >= 0 ? "+" : "−") + Value(Math.Abs(value), null);

    public static string Count(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Seconds(double? value) =>
        value is null ? "–" : value.Value.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    public static string Minutes(TimeSpan duration) => duration.TotalMinutes.ToString("0.0", CultureInfo.InvariantCulture) + " min";

    public static string Date(DateTimeOffset date) => date.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
}
