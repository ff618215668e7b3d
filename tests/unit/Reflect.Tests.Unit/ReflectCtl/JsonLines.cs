// SPDX-License-Identifier: MIT
namespace Reflect.Tests.Unit.ReflectCtl;

internal static class JsonLines
{
    /// <summary>An expected --json document written over several lines, as reflectctl prints it: one line.</summary>
    public static string OneLine(string lines) => lines.Replace("\n", "", StringComparison.Ordinal) + "\n";
}
