// SPDX-License-Identifier: MIT
using Reflect.Guest.Scenarios;
using Xunit.Sdk;

namespace Reflect.Tests.Qemu;

internal static class ScenarioAssertions
{
    /// <summary>
    /// The scenario passed as a whole (token, exit 0, no FAIL line) and reported each of
    /// <paramref name="checks"/> as PASS, so a scenario that silently skipped a check fails too.
    /// The failure names the failed checks and the saved log first.
    /// </summary>
    public static void ShouldHavePassed(this ScenarioOutcome outcome, params string[] checks)
    {
        if (outcome.FailureSummary(checks) is { } summary)
        {
            throw new XunitException(summary);
        }
    }
}
