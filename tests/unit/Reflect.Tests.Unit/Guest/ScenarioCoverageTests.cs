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

    [GeneratedRegex(@"\[Trait\(""scenario"",\s*""(?<name>[^""]+)""\)\]")]
    private static partial Regex ScenarioTrait();

    [Fact]
    public void Every_QEMU_test_carries_the_trait_of_the_scenario_it_awaits_for_ci_test_to_select_it_by()
    {
        List<string> traits = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "qemu", "Reflect.Tests.Qemu"), "*.cs")
            .SelectMany(file => ScenarioTrait().Matches(File.ReadAllText(file)).Select(m => m.Groups["name"].Value))
            .ToList();

        traits.Order(StringComparer.Ordinal).Should().Equal(NamedByTests().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_scenarios_header_says_on_which_kernels_and_when_it_runs_and_its_time_limit()
    {
        ScenarioReach reach = ScenarioReach.Parse(["#!/bin/bash", "# SPDX-License-Identifier: GPL-2.0", "#", "# kernels: 6.1 sid", "# runs: when named", "# timeout-minutes: 30"]);

        reach.Kernels.Should().Equal("6.1", "sid");
        reach.Should().BeEquivalentTo(new { WhenNamed = true, Timeout = TimeSpan.FromMinutes(30) });
        reach.RunsOn("sid").Should().BeTrue();
        reach.RunsOn("5.10").Should().BeFalse();
        ScenarioReach.Parse(["#!/bin/bash", "# Every kernel."]).Should().Be(new ScenarioReach(null, false, null));
    }

    [Fact]
    public void Every_kernel_a_scenario_header_names_is_a_series_of_ci_kernels()
    {
        var series = Reflect.Guest.Kernels.KernelMatrix.LoadFromRepository().Series.Select(s => s.Name).ToList();

        foreach (string name in ScenarioOutcome.Names())
        {
            ScenarioOutcome.Reach(name).Kernels?.Should().BeSubsetOf(series, $"{name}.sh names its kernels");
        }

        ScenarioOutcome.Names().Where(name => ScenarioOutcome.Reach(name).Kernels is not null).Should().Contain(["ha-pair", "packages"]);
    }
}
