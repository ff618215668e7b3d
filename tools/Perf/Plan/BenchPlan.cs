// SPDX-License-Identifier: MIT
namespace Reflect.Perf.Plan;

/// <summary>The bench.sh commands, one step each.</summary>
internal enum StepKind
{
    Setup,
    Versions,
    Config,
    Check,
    Measure,
    Fill,
    Facts,
    Teardown,
}

/// <summary>
/// One bench.sh command of a kernel's run. A measure step with <see cref="Entries"/> above zero
/// belongs to the table-scale run (config peer, the table filled to that many other entries).
/// </summary>
internal sealed record Step(StepKind Kind, string? Configuration = null, string? Workload = null, int Repetition = 0, int Seconds = 0, int Entries = 0)
{
    public bool IsWarmUp => Kind == StepKind.Measure && Entries == 0 && Repetition == 0;

    public override string ToString() => Kind switch
    {
        StepKind.Config => $"config {Configuration}",
        StepKind.Check => $"check {Configuration}",
        StepKind.Measure when Entries > 0 => $"table {Entries:N0} rep {Repetition} {Workload}",
        StepKind.Measure => $"{(IsWarmUp ? "warm-up" : $"rep {Repetition}")} {Configuration} {Workload}",
        StepKind.Fill => $"fill {Entries:N0}",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>
/// A kernel's run as a list of steps, in two parts: preparation (setup, versions, each
/// configuration switched to and checked) and, once the checks tell which configurations work,
/// measurement (the interleaved visits, the table-scale run, facts, teardown). A broken
/// configuration is left out of the measurement part entirely.
/// </summary>
internal static class BenchPlan
{
    public static IReadOnlyList<Step> Preparation(BenchSettings settings) =>
    [
        new Step(StepKind.Setup),
        new Step(StepKind.Versions),
        .. settings.Configurations.SelectMany(c => new[] { new Step(StepKind.Config, c), new Step(StepKind.Check, c) }),
    ];

    /// <param name="working">The configurations whose functional check passed, in check order.</param>
    public static IReadOnlyList<Step> Measurement(BenchSettings settings, IReadOnlyList<string> working)
    {
        var steps = new List<Step>();
        foreach (Visit visit in Interleaving.Order(working, settings.Repetitions))
        {
            steps.Add(new Step(StepKind.Config, visit.Configuration));
            steps.AddRange(settings.Workloads.Select(w =>
                new Step(StepKind.Measure, visit.Configuration, w, visit.Repetition, settings.SecondsFor(visit.Repetition))));
        }
        // The table-scale run needs peer mode; sizes grow, so each fill only adds entries.
        if (working.Contains(Configurations.Peer) && settings.TableSizes.Count > 0)
        {
            steps.Add(new Step(StepKind.Config, Configurations.Peer));
            foreach (int entries in settings.TableSizes)
            {
                steps.Add(new Step(StepKind.Fill, Configurations.Peer, Entries: entries));
                for (int repetition = 1; repetition <= settings.Repetitions; repetition++)
                {
                    steps.Add(new Step(StepKind.Measure, Configurations.Peer, Workloads.Udp64, repetition, settings.Seconds, entries));
                }
            }
        }

        steps.Add(new Step(StepKind.Facts));
        steps.Add(new Step(StepKind.Teardown));
        return steps;
    }

    /// <summary>The whole run when every configuration works: what an estimate assumes.</summary>
    public static IReadOnlyList<Step> Whole(BenchSettings settings) =>
        [.. Preparation(settings), .. Measurement(settings, settings.Configurations)];
}
