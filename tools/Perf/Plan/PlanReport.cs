// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text;

namespace Reflect.Perf.Plan;

/// <summary>What <c>reflect-perf plan</c> prints: one kernel's steps by kind, and the time they should take.</summary>
internal static class PlanReport
{
    public static string Describe(BenchSettings settings, StepCosts costs, string? calibratedFrom)
    {
        IReadOnlyList<Step> steps = BenchPlan.Whole(settings);
        var text = new StringBuilder();
        string basis = calibratedFrom is null ? "assumed step times" : $"step times measured in {calibratedFrom}";
        text.Append(CultureInfo.InvariantCulture,
            $"one kernel, {(settings.Quick ? "quick" : "full")} run: {settings.Repetitions} repetitions after a warm-up, {settings.Seconds} s per measurement ({basis})\n");
        text.Append(CultureInfo.InvariantCulture, $"  {"guest start (fetch, build, boot)",-34} {costs.GuestStart,7:F0} s\n");
        foreach (IGrouping<StepKind, Step> kind in steps.GroupBy(s => s.Kind))
        {
            double seconds = kind.Sum(costs.SecondsFor);
            text.Append(CultureInfo.InvariantCulture, $"  {kind.Key.ToString().ToLowerInvariant() + " x " + kind.Count(),-34} {seconds,7:F0} s\n");
        }

        TimeSpan total = costs.Estimate(steps, withGuestStart: true);
        text.Append(CultureInfo.InvariantCulture, $"  {"total",-34} {total.TotalSeconds,7:F0} s = {total.TotalMinutes:F1} min\n");
        return text.ToString();
    }
}
