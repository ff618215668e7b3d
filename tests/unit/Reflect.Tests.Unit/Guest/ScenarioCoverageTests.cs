// SPDX-License-Identifier: MIT
using System.Text.RegularExpressions;
using Reflect.Guest;
using Reflect.Guest.Scenarios;

namespace Reflect.Tests.Unit.Guest;

/// <summary>
/// Every scenario script runs on every kernel, but only a QEMU test that awaits its outcome
/// reports it: a script no test names would fail unseen, and a test naming a missing script
/// would fail only in a guest. The QEMU tests name their scenarios as string literals in
/// <c>pool.RunScenarioAsync(series, "NAME")</c>; this reads them from the test sources.
/// </summary>
public sealed partial class ScenarioCoverageTests
{
    [GeneratedRegex(@"RunScenarioAsync\(\s*series\s*,\s*""(?<name>[^""]+)""\s*\)")]
    private static partial Regex ScenarioCall();

    private static List<string> NamedByTests() =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "qemu", "Reflect.Tests.Qemu"), "*.cs")
            .SelectMany(file => ScenarioCall().Matches(File.ReadAllText(file)).Select(m => m.Groups["name"].Value))
            .ToList();

    [Fact]
    public void Every_scenario_script_on_disk_is_awaited_by_a_QEMU_test_and_every_named_one_exists()
    {
        List<string> named = NamedByTests();

        named.Should().OnlyHaveUniqueItems("each scenario is reported by one test");
        named.Order(StringComparer.Ordinal).Should().Equal(ScenarioOutcome.Names());
    }
}
