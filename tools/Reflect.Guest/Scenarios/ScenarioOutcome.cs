// SPDX-License-Identifier: MIT
namespace Reflect.Guest.Scenarios;

/// <summary>
/// What a guest scenario script reported: its PASS and FAIL lines, and whether it printed its
/// success token (<c>SCENARIO-OK: name</c>), which lib.sh prints only when no check failed.
/// A scenario passes only with the token, exit status 0 and no FAIL line. <paramref name="LogPath"/>
/// is where the whole output was saved.
/// </summary>
public sealed record ScenarioOutcome(string Name, int ExitCode, string Output, IReadOnlyList<string> Passed, IReadOnlyList<string> Failed, bool HasSuccessToken, string LogPath)
{
    public bool Succeeded => ExitCode == 0 && HasSuccessToken && Failed.Count == 0;

    public static ScenarioOutcome Parse(string name, int exitCode, string output, string logPath)
    {
        string[] lines = output.Replace("\r", "").Split('\n');
        return new ScenarioOutcome(
            name, exitCode, output,
            lines.Where(l => l.StartsWith("PASS: ", StringComparison.Ordinal)).Select(l => l["PASS: ".Length..]).ToList(),
            lines.Where(l => l.StartsWith("FAIL: ", StringComparison.Ordinal)).Select(l => l["FAIL: ".Length..]).ToList(),
            lines.Contains($"SCENARIO-OK: {name}"),
            logPath);
    }

    /// <summary>
    /// Why the scenario did not pass with every one of <paramref name="expectedChecks"/>, or null
    /// when it did: the failed checks and the expected ones it never reported first, then the
    /// saved log's path, then the exit status and token, and only then the output's last lines.
    /// </summary>
    public string? FailureSummary(IEnumerable<string> expectedChecks)
    {
        var missing = expectedChecks.Where(check => !Passed.Contains(check)).ToList();
        if (Succeeded && missing.Count == 0)
        {
            return null;
        }

        var text = new System.Text.StringBuilder($"scenario {Name} did not pass");
        foreach (string check in Failed)
        {
            text.Append($"\n  FAIL: {check}");
        }

        foreach (string check in missing.Where(check => !Failed.Contains(check)))
        {
            text.Append($"\n  not reported: {check}");
        }

        text.Append($"\n  log: {LogPath}");
        text.Append($"\n  exit status {ExitCode}, {(HasSuccessToken ? "success token printed" : "no success token")}");
        IEnumerable<string> tail = Output.Replace("\r", "").TrimEnd('\n').Split('\n').TakeLast(30);
        text.Append("\n--- last lines of the output ---\n").Append(string.Join('\n', tail));
        return text.ToString();
    }

    /// <summary>
    /// The scenario scripts on disk: the .sh files of tests/qemu/scenarios with a #! line (lib.sh
    /// is sourced, not run), by name, in order.
    /// </summary>
    public static IReadOnlyList<string> Names() =>
        Directory.GetFiles(Path.GetDirectoryName(ScriptPath("x"))!, "*.sh")
            .Where(path => File.ReadLines(path).FirstOrDefault()?.StartsWith("#!", StringComparison.Ordinal) == true)
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The scripts under tests/qemu/scenarios.</summary>
    public static string ScriptPath(string name) => Path.Combine(RepositoryPaths.Root, "tests", "qemu", "scenarios", name + ".sh");

    /// <summary>Where and when a scenario runs, from the comment lines at the top of its script.</summary>
    public static ScenarioReach Reach(string name) => ScenarioReach.Parse(File.ReadLines(ScriptPath(name)).TakeWhile(line => line.StartsWith('#')));
}

/// <summary>
/// Where and when a scenario runs, as its script's header says: <c># kernels: 6.1 sid</c> limits
/// it to those series of the run (without it: every kernel); <c># runs: when named</c> leaves it
/// out of a run unless <c>REFLECT_SCENARIOS</c> names it (a scenario too slow for every CI run);
/// <c># timeout-minutes: N</c> replaces the default limit of one scenario.
/// </summary>
public sealed record ScenarioReach(IReadOnlyList<string>? Kernels, bool WhenNamed, TimeSpan? Timeout)
{
    public static ScenarioReach Parse(IEnumerable<string> header)
    {
        IReadOnlyList<string>? kernels = null;
        bool whenNamed = false;
        TimeSpan? timeout = null;
        foreach (string line in header)
        {
            string text = line.TrimStart('#').Trim();
            if (text.StartsWith("kernels:", StringComparison.Ordinal))
            {
                kernels = text["kernels:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }
            else if (text == "runs: when named")
            {
                whenNamed = true;
            }
            else if (text.StartsWith("timeout-minutes:", StringComparison.Ordinal))
            {
                timeout = TimeSpan.FromMinutes(int.Parse(text["timeout-minutes:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return new ScenarioReach(kernels, whenNamed, timeout);
    }

    public bool RunsOn(string series) => Kernels is null || Kernels.Contains(series);
}
