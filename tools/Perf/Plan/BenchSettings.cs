// SPDX-License-Identifier: MIT
namespace Reflect.Perf.Plan;

/// <summary>The clock every rate is measured by.</summary>
internal enum BenchClock
{
    /// <summary>The guest's clocks follow the host's: TCG's speed, shared with whatever else runs on the host.</summary>
    Wall,

    /// <summary>
    /// QEMU's -icount shift=0,sleep=off: one nanosecond per executed guest instruction, idle time
    /// skipped. A rate is work per 1e9 instructions: a cost model in which every instruction costs
    /// the same and cache misses cost nothing, not speed on real hardware, but repeatable.
    /// </summary>
    Icount,
}

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
    /// <summary>Results written before the clock was recorded were measured in wall-clock time.</summary>
    public BenchClock Clock { get; init; } = BenchClock.Wall;

    /// <summary>The guest's vCPUs: <see cref="Reflect.Guest.Vm.GuestOptions.InstructionTimeCpus"/> in instruction time, the default otherwise.</summary>
    public int Cpus => Clock == BenchClock.Icount ? Reflect.Guest.Vm.GuestOptions.InstructionTimeCpus : new Reflect.Guest.Vm.GuestOptions().Cpus;

    /// <summary>What the report calls the clock, in every table's title.</summary>
    public string ClockName => Clock == BenchClock.Icount ? "instruction time" : "wall-clock time";

    /// <summary>The default run: 5 repetitions of 3 s (1 s in instruction time), every workload, tables up to 1M entries.</summary>
    public static BenchSettings Full { get; } = new(5, 3, 1, Plan.Configurations.All, Plan.Workloads.All, [1_000, 10_000, 100_000, 1_000_000], Quick: false);

    /// <summary>--quick: a smoke of the whole harness, not a result.</summary>
    public static BenchSettings QuickRun { get; } = new(2, 1, 1, Plan.Configurations.All, Plan.Workloads.Quick, [1_000, 100_000], Quick: true);

    /// <summary>
    /// A measurement's length in instruction time: one guest second is 1e9 instructions (about
    /// 30,000 udp64 datagrams), its repetitions agree to within 0.1 % (the quick run of
    /// 2026-12-07 on 6.1), and it takes about 7 s of wall-clock time under TCG.
    /// </summary>
    public const int IcountSeconds = 1;

    public static BenchSettings Choose(bool quick, int? repetitions, int? seconds, BenchClock clock = BenchClock.Icount)
    {
        BenchSettings chosen = quick ? QuickRun : clock == BenchClock.Icount ? Full with { Seconds = IcountSeconds } : Full;
        if (repetitions is < 1)
        {
            throw new ArgumentException("--reps must be at least 1");
        }

        if (seconds is < 1)
        {
            throw new ArgumentException("--seconds must be at least 1");
        }

        return chosen with { Repetitions = repetitions ?? chosen.Repetitions, Seconds = seconds ?? chosen.Seconds, Clock = clock };
    }

    /// <summary>What one kernel's run should stay within (15 min by default, so the whole matrix fits a CI run; quick aims at about 2).</summary>
    public TimeSpan Budget => TimeSpan.FromMinutes(Clock == BenchClock.Icount ? (Quick ? 7 : 30) : (Quick ? 2 : 15));

    /// <summary>How long a measurement runs in repetition <paramref name="repetition"/>.</summary>
    public int SecondsFor(int repetition) => repetition == 0 ? Math.Min(WarmUpSeconds, Seconds) : Seconds;
}
