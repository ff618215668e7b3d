namespace Reflect.Guest.Scenarios;

/// <summary>
/// What a guest scenario script reported: its PASS and FAIL lines, and whether it printed its
/// success token (<c>SCENARIO-OK: name</c>), which lib.sh prints only when no check failed.
/// A scenario passes only with the token, exit status 0 and no FAIL line.
/// </summary>
public sealed record ScenarioOutcome(string Name, int ExitCode, string Output, IReadOnlyList<string> Passed, IReadOnlyList<string> Failed, bool HasSuccessToken)
{
    public bool Succeeded => ExitCode == 0 && HasSuccessToken && Failed.Count == 0;

    public static ScenarioOutcome Parse(string name, int exitCode, string output)
    {
        var lines = output.Replace("\r", "").Split('\n');
        return new ScenarioOutcome(
            name, exitCode, output,
            lines.Where(l => l.StartsWith("PASS: ", StringComparison.Ordinal)).Select(l => l["PASS: ".Length..]).ToList(),
            lines.Where(l => l.StartsWith("FAIL: ", StringComparison.Ordinal)).Select(l => l["FAIL: ".Length..]).ToList(),
            lines.Contains($"SCENARIO-OK: {name}"));
    }

    /// <summary>The scripts under tests/qemu/scenarios.</summary>
    public static string ScriptPath(string name) => Path.Combine(RepositoryPaths.Root, "tests", "qemu", "scenarios", name + ".sh");
}
