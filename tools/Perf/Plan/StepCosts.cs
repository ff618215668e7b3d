// SPDX-License-Identifier: MIT
namespace Reflect.Perf.Plan;

/// <summary>A step that ran, and how long it took (wall clock, seconds).</summary>
internal sealed record StepTime(Step Step, double Elapsed);

/// <summary>
/// Seconds each kind of step takes under TCG, for the estimate of a run (<c>reflect-perf plan</c>)
/// and the time left shown while one runs. A run's own step times replace the assumptions kind by
/// kind as soon as there are some (and <c>plan --from results.json</c> uses an earlier run's).
///
/// <see cref="Assumed"/>, before any real run: guest start from the QEMU suite's timings (fetch of
/// a cached kernel 5 s, module build 15 s, boot 8-18 s); the rest from what bench.sh runs, a process
/// start under TCG costing tens of milliseconds and a Python start (reflect_nl.py) about half a
/// second: a measurement is iperf3 -J (or sockperf), about 1 s beyond its length; a
/// configuration switch is rmmod, insmod and a reflect_nl.py call, or the recipe's nft and ip
/// rules, about 2 s; a check is a 1-second transfer and the routers' counters; a fill is a fixed
/// part (netlink calls, pktgen's set-up) and a part per entry, as the matrix run of 2026-11-21
/// measured them (1,000 entries in 3.4 s, a million in 35-39 s); facts are mostly a
/// 200,000-packet pktgen flood.
/// </summary>
internal sealed record StepCosts(
    double Setup,
    double Versions,
    double Config,
    double Check,
    double MeasureOverhead,
    double FillFixed,
    double FillPerEntry,
    double Facts,
    double Teardown,
    double GuestStart)
{
    public static StepCosts Assumed { get; } = new(
        Setup: 8, Versions: 1, Config: 2, Check: 4, MeasureOverhead: 1, FillFixed: 3, FillPerEntry: 35e-6, Facts: 15, Teardown: 3,
        GuestStart: 30);

    public double SecondsFor(Step step) => step.Kind switch
    {
        StepKind.Setup => Setup,
        StepKind.Versions => Versions,
        StepKind.Config => Config,
        StepKind.Check => Check,
        StepKind.Measure => step.Seconds + MeasureOverhead,
        StepKind.Fill => FillFixed + step.Entries * FillPerEntry,
        StepKind.Facts => Facts,
        StepKind.Teardown => Teardown,
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    /// <summary>The time of <paramref name="steps"/>, plus fetch, build and boot when <paramref name="withGuestStart"/>.</summary>
    public TimeSpan Estimate(IEnumerable<Step> steps, bool withGuestStart) =>
        TimeSpan.FromSeconds(steps.Sum(SecondsFor) + (withGuestStart ? GuestStart : 0));

    /// <summary>These costs with every kind that ran replaced by its mean measured time.</summary>
    public StepCosts CalibratedBy(IReadOnlyCollection<StepTime> done, double? guestStart = null)
    {
        double Mean(StepKind kind, double fallback, Func<StepTime, double> value)
        {
            var times = done.Where(t => t.Step.Kind == kind).Select(value).ToList();
            return times.Count > 0 ? times.Average() : fallback;
        }

        (double fillFixed, double fillPerEntry) = FitFills(done.Where(t => t.Step.Kind == StepKind.Fill && t.Step.Entries > 0).ToList());
        return new StepCosts(
            Mean(StepKind.Setup, Setup, t => t.Elapsed),
            Mean(StepKind.Versions, Versions, t => t.Elapsed),
            Mean(StepKind.Config, Config, t => t.Elapsed),
            Mean(StepKind.Check, Check, t => t.Elapsed),
            Mean(StepKind.Measure, MeasureOverhead, t => Math.Max(0, t.Elapsed - t.Step.Seconds)),
            fillFixed,
            fillPerEntry,
            Mean(StepKind.Facts, Facts, t => t.Elapsed),
            Mean(StepKind.Teardown, Teardown, t => t.Elapsed),
            guestStart ?? GuestStart);
    }

    /// <summary>
    /// A fill's fixed part and part per entry from the fills that ran: a least-squares line once
    /// there are two sizes (sizes grow tenfold, so the first fill is nearly all fixed part and
    /// scaling it by entries would project a million-entry fill at an hour); with one size, the
    /// assumed part per entry and the rest of its time as the fixed part.
    /// </summary>
    private (double Fixed, double PerEntry) FitFills(List<StepTime> fills)
    {
        if (fills.Count == 0)
        {
            return (FillFixed, FillPerEntry);
        }

        double meanEntries = fills.Average(t => (double)t.Step.Entries);
        double meanSeconds = fills.Average(t => t.Elapsed);
        double spread = fills.Sum(t => Math.Pow(t.Step.Entries - meanEntries, 2));
        double perEntry = spread > 0
            ? Math.Max(0, fills.Sum(t => (t.Step.Entries - meanEntries) * (t.Elapsed - meanSeconds)) / spread)
            : FillPerEntry;
        return (Math.Max(0, meanSeconds - perEntry * meanEntries), perEntry);
    }
}
