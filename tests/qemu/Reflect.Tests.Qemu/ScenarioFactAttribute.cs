// SPDX-License-Identifier: MIT
using Reflect.Guest.Scenarios;
using Xunit;

namespace Reflect.Tests.Qemu;

/// <summary>
/// A test of a scenario that runs on some kernels only, or only when named (its header, see
/// <see cref="ScenarioReach"/>): it awaits the scenario on each kernel of the run it runs on
/// (<see cref="GuestPool.KernelsRunning"/>), and is reported as skipped, with the reason, when
/// the run has none.
/// </summary>
public sealed class ScenarioFactAttribute : FactAttribute
{
    public ScenarioFactAttribute(string scenario)
    {
        if (GuestPool.KernelsRunning(scenario).Count == 0)
        {
            ScenarioReach reach = ScenarioOutcome.Reach(scenario);
            Skip = reach.WhenNamed && !GuestPool.SelectedScenarios().Contains(scenario)
                ? $"{scenario} runs only when named: REFLECT_SCENARIOS={scenario}"
                : $"{scenario} runs on {string.Join(", ", reach.Kernels ?? [])}, which this run's kernels (REFLECT_KERNELS) leave out";
        }
    }
}
