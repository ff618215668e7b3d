using Xunit;

namespace Reflect.Tests.Qemu;

/// <summary>
/// The control scenarios (tests/qemu/scenarios): the generic netlink API and reflectctl against
/// the real module, on every kernel of the run.
/// </summary>
[Collection(GuestsDefinition.Name)]
public sealed class ControlScenarioTests(GuestPool pool)
{
    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    public async Task A_100000_entry_table_dumps_exactly_and_a_churning_one_without_duplicates(string series)
    {
        var outcome = await pool.RunScenarioAsync(series, "table-dump");

        outcome.ShouldHavePassed(
        [
            "100000 static entries are added",
            "the raw dump has exactly the 100000 entries",
            "reflectctl lists the 100000 entries",
            .. Enumerable.Range(1, 3).Select(i => $"dump {i} while the table churns has no duplicate and every untouched entry"),
            "the churn ran without error",
            "a dump across changes is flagged NLM_F_DUMP_INTR",
            "the flushed table dumps empty",
        ]);
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    public async Task Random_and_mutated_requests_are_all_answered_and_unprivileged_ones_change_nothing(string series)
    {
        var outcome = await pool.RunScenarioAsync(series, "fuzz");

        outcome.ShouldHavePassed(
            "10000 requests from a privileged process are all answered",
            "10000 requests from an unprivileged process are answered, state changes with EPERM",
            "the unprivileged process changed nothing");
    }
}
