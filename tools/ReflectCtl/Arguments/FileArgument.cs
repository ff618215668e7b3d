// SPDX-License-Identifier: MIT
using System.CommandLine;

namespace ReflectCtl.Arguments;

/// <summary><c>-f FILE</c>: a file to read or write, or <c>-</c> for standard input or output.</summary>
internal static class FileArgument
{
    public const string Standard = "-";

    public static Option<string> CreateOption(string description) =>
        new("--file", "-f") { Description = $"{description} '-' for standard input or output.", HelpName = "FILE", Required = true };

    /// <exception cref="UsageException">The file cannot be read.</exception>
    public static string ReadText(string path, TextReader standardInput)
    {
        try
        {
            return path == Standard ? standardInput.ReadToEnd() : File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {path}: {e.Message}");
        }
    }

    /// <summary>Writes the whole text, to a file by way of a temporary one beside it, so that a reader never sees half.</summary>
    /// <exception cref="UsageException">The file cannot be written.</exception>
    public static void WriteText(string path, string text, TextWriter standardOutput)
    {
        if (path == Standard)
        {
            standardOutput.WriteLine(text);
            return;
        }

        string temporary = $"{path}.tmp";
        try
        {
            File.WriteAllText(temporary, text + "\n");
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new UsageException($"cannot write {path}: {e.Message}");
        }
    }
}
