// SPDX-License-Identifier: MIT
namespace Reflect.Perf.Plan;

/// <summary>
/// How much to measure. Repetition 0 is the warm-up (discarded), then repetitions 1..N; the
/// warm-up measures for <see cref="WarmUpSeconds"/> only, since what it warms (neighbour caches,
/// servers, page cache over 9p, TCP metrics) does not need the full measuring time.
/// </summary>
internal sealed record BenchSettings(
    int Repetitions,
    int Seconds,
    int WarmUpSeconds,
    IReadOnlyList<string> Configurations,
    IReadOnlyList<string> Workloads,
    IReadOnlyList<int> TableSizes,
    bool Quick)
{
    /// <summary>The default run: 5 repetitions of 3 s, every workload, tables up to 1M entries.</summary>
    public static BenchSettings Full { get; } = new(5, 3, 1, Plan.Configurations.All, Plan.Workloads.All, [1_000, 10_000, 100_000, 1_000_000], Quick: false);

    /// <summary>--quick: a smoke of the whole harness, not a result.</summary>
    public static BenchSettings QuickRun { get; } = new(2, 1, 1, Plan.Configurations.All, Plan.Workloads.Quick, [1_000, 100_000], Quick: true);

    public static BenchSettings Choose(bool quick, int? repetitions, int? seconds)
    {
        BenchSettings chosen = quick ? QuickRun : Full;
        if (repetitions is < 1)
        {
            throw new ArgumentException("--reps must be at least 1");
        }

        if (seconds is < 1)
        {
            throw new ArgumentException("--seconds must be at least 1");
        }

        return chosen with { Repetitions = repetitions ?? chosen.Repetitions, Seconds = seconds ?? chosen.Seconds };
    }

    /// <summary>What one kernel's run should stay within (15 min by default, so the whole matrix fits a CI run; quick aims at about 2).</summary>
    public TimeSpan Budget => TimeSpan.FromMinutes(Quick ? 2 : 15);

    /// <summary>How long a measurement runs in repetition <paramref name="repetition"/>.</summary>
    public int SecondsFor(int repetition) => repetition == 0 ? Math.Min(WarmUpSeconds, Seconds) : Seconds;
}
