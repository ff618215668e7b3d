// SPDX-License-Identifier: MIT
namespace Reflect.Perf.Plan;

/// <summary>One visit: switch to a configuration and measure every workload in it.</summary>
internal sealed record Visit(int Repetition, string Configuration)
{
    /// <summary>Repetition 0 warms up and is discarded.</summary>
    public bool IsWarmUp => Repetition == 0;
}

/// <summary>
/// The order of visits: repetitions are interleaved (every repetition visits every configuration
/// once, A B C A B C ...) so that drift of the host (another guest, thermal state, page cache)
/// spreads over all configurations instead of landing on one, and the start of each repetition
/// rotates by one so that no configuration always runs first, right after the previous
/// repetition's last.
///
/// The warm-up (repetition 0) visits the first configuration only, plain routing in a full run:
/// what it warms is the guest's (iperf3 and sockperf from 9p into the page cache, their first
/// sockets, the client's neighbour and TCP metrics caches). What belongs to a configuration does
/// not outlive a visit, since every visit loads the module or the recipe afresh, and the functional
/// checks have already loaded each configuration once before any measurement.
/// </summary>
internal static class Interleaving
{
    /// <param name="configurations">The configurations that passed their functional check.</param>
    /// <param name="repetitions">Measured repetitions; one warm-up visit (repetition 0) comes first.</param>
    public static IReadOnlyList<Visit> Order(IReadOnlyList<string> configurations, int repetitions)
    {
        var visits = new List<Visit>();
        if (configurations.Count == 0)
        {
            return visits;
        }

        visits.Add(new Visit(0, configurations[0]));
        for (int repetition = 1; repetition <= repetitions; repetition++)
        {
            for (int slot = 0; slot < configurations.Count; slot++)
            {
                visits.Add(new Visit(repetition, configurations[(repetition + slot) % configurations.Count]));
            }
        }

        return visits;
    }
}
