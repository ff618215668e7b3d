// SPDX-License-Identifier: MIT
using System.Text.RegularExpressions;

namespace Reflect.Guest.Vm;

/// <summary>
/// Reads a guest's console log for the kernel's signs of trouble: a WARN, a BUG, an oops, a
/// panic, a call trace, lockups and stalls, sanitizer and leak reports, and the guest init's own
/// failure marker. Any of them fails the run.
/// </summary>
public static partial class ConsoleVerdict
{
    [GeneratedRegex(
        @"------------\[ cut here \]------------|\bWARNING: |\bBUG: |kernel BUG at|\bOops\b|Call Trace:|Kernel panic|general protection fault|" +
        @"UBSAN:|KASAN:|unreferenced object 0x|INFO: task .* blocked for more than|rcu: INFO: .*stall|watchdog: BUG: soft lockup|" +
        @"refcount_t: |list_(add|del) corruption|REFLECT-GUEST-FAILED")]
    private static partial Regex Trouble();

    /// <summary>The lines of <paramref name="console"/> that show trouble, in order.</summary>
    public static IReadOnlyList<string> Problems(string console) =>
        console.Replace("\r", "").Split('\n').Where(line => Trouble().IsMatch(line)).ToList();

    /// <summary>The problems found in the console log file, read from <paramref name="offset"/> on.</summary>
    public static IReadOnlyList<string> ProblemsInFile(string path, long offset = 0)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return Problems(reader.ReadToEnd());
    }
}
