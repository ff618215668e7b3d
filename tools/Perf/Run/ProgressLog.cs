// SPDX-License-Identifier: MIT
using System.Globalization;
using Reflect.Perf.Plan;

namespace Reflect.Perf.Run;

/// <summary>
/// One line per bench.sh command while a kernel runs: step i of n, what it was, what it gave, and
/// the time left, estimated from this run's own step times (<see cref="StepCosts"/>; assumptions
/// only for kinds that have not run yet).
/// <code>[6.1] 37/152 rep 2 peer udp64: 81,234 pps (4.2 s; about 9 min 10 s left)</code>
/// </summary>
internal sealed class ProgressLog(string series, Action<string> write)
{
    private readonly List<StepTime> _done = [];
    private IReadOnlyList<Step> _ahead = [];
    private int _position;

    /// <summary>The steps still to come (a broken configuration shortens the plan after the checks).</summary>
    public void Plan(IReadOnlyList<Step> ahead) => _ahead = ahead;

    public TimeSpan Remaining => StepCosts.Assumed.CalibratedBy(_done).Estimate(_ahead, withGuestStart: false);

    public void Report(StepTime time, string outcome)
    {
        _done.Add(time);
        Advance(time.Step, outcome, string.Create(CultureInfo.InvariantCulture, $"{time.Elapsed:F1} s; "));
    }

    /// <summary>A step that did not run (its configuration could not be switched to, say).</summary>
    public void Skip(Step step, string reason) => Advance(step, $"skipped: {reason}", "");

    private void Advance(Step step, string outcome, string elapsed)
    {
        _position++;
        if (_ahead.Count > 0 && _ahead[0] == step)
        {
            _ahead = _ahead.Skip(1).ToList();
        }

        write($"[{series}] {_position}/{_position + _ahead.Count} {step}: {outcome} ({elapsed}about {Minutes(Remaining)} left)");
    }

    /// <summary>The kernel's whole run as it now looks: what has run plus the estimate of what is left.</summary>
    public void Projection(TimeSpan elapsed, TimeSpan budget)
    {
        TimeSpan projected = elapsed + Remaining;
        write($"[{series}] projected: {Minutes(projected)} for this kernel" +
            (projected > budget ? $", over the {Minutes(budget)} budget" : $", within the {Minutes(budget)} budget"));
    }

    public static string Minutes(TimeSpan duration) =>
        duration.TotalMinutes >= 1 ? $"{(int)duration.TotalMinutes} min {duration.Seconds} s" : $"{duration.Seconds} s";
}
