// SPDX-License-Identifier: MIT
namespace ReflectCtl.Output;

/// <summary>A column of a <see cref="TextTable"/>: its heading, and whether its cells (numbers) align right.</summary>
internal sealed record Column(string Heading, bool AlignRight = false);

/// <summary>
/// The text output: cells padded into columns two spaces apart, without trailing spaces.
/// <code>
/// IFINDEX  NAME  LEARNED
///       2  eth0       12
/// </code>
/// </summary>
internal sealed class TextTable(params Column[] columns)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Two columns without headings: names left, values right.</summary>
    public static TextTable KeyValue() => new(new Column(""), new Column("", AlignRight: true));

    public TextTable Add(params string[] cells)
    {
        if (cells.Length != columns.Length)
        {
            throw new ArgumentException($"a row of {cells.Length} cells in a table of {columns.Length} columns", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }

    /// <param name="headings">Whether the first line names the columns.</param>
    public string Format(bool headings = true)
    {
        List<string[]> lines = headings ? [columns.Select(column => column.Heading).ToArray(), .. _rows] : _rows;
        int[] widths = columns.Select((_, i) => lines.Max(line => line[i].Length)).ToArray();
        return string.Join('\n', lines.Select(line => string.Join("  ", line.Select((cell, i) =>
            columns[i].AlignRight ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd()));
    }
}
