using FluentAssertions;
using Reflect.Guest.Scenarios;

namespace Reflect.Tests.Qemu;

internal static class ScenarioAssertions
{
    /// <summary>
    /// The scenario passed as a whole (token, exit 0, no FAIL line) and reported each of
    /// <paramref name="checks"/> as PASS, so a scenario that silently skipped a check fails too.
    /// </summary>
    public static void ShouldHavePassed(this ScenarioOutcome outcome, params string[] checks)
    {
        outcome.Failed.Should().BeEmpty(outcome.Output);
        outcome.Passed.Should().Contain(checks, outcome.Output);
        outcome.Succeeded.Should().BeTrue(outcome.Output);
    }
}
