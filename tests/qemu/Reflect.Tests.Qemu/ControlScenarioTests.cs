// SPDX-License-Identifier: MIT
using Reflect.Guest.Scenarios;
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
    [Trait("scenario", "limits")]
    public async Task An_unprivileged_user_namespace_stays_under_the_ceiling_and_pays_for_its_entries_and_a_full_table_evicts_only_for_new_keys(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "limits");

        outcome.ShouldHavePassed(
            "nobody enables reflection in its own namespaces",
            "it may set max_entries to 65536",
            "but not above",
            "its setting is unchanged",
            "the host's administrator may set more",
            "nobody adds 5000 entries",
            "they are charged to its memory cgroup (at least 100 bytes each)",
            "four entries fill it",
            "adding an existing key again is refused",
            "replacing one is accepted",
            "neither evicted an entry",
            "all four are still there");
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "control")]
    public async Task Every_reflectctl_subcommand_works_against_the_module(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "control");

        outcome.ShouldHavePassed(
            "reflectctl alone prints the status",
            "status --json parses",
            "disable turns the global switch off",
            "enable turns it on",
            "config set changes what config get shows",
            "iface add, list and del",
            "scope add, list and del",
            "a LAN host is learned with its MAC",
            "entries add --static, and list --static shows only it",
            "without a neighbour entry for its MAC the static entry falls back",
            "the static entry steers packets to its MAC",
            "adding an existing key is a kernel refusal (exit 5)",
            "entries add --replace changes the next hop; list --peer filters by prefix",
            "entries list filters by local address and interface",
            "entries del removes it",
            "entries flush --peer drops only the matching entries",
            "stats globally, per interface and per local address",
            "apply --dry-run shows the changes and makes none",
            "apply makes the kernel what the file says",
            "apply again changes nothing",
            "a REFLECT_ environment variable overrides the file",
            "save writes the table",
            "restore into another namespace gives the same table",
            "monitor receives learn and expire events",
            "a change without CAP_NET_ADMIN exits 4",
            "a usage error exits 2",
            "a kernel refusal exits 5 with the kernel's message",
            "without the module, status exits 3 and says how to load it");
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "table-dump")]
    public async Task A_100000_entry_table_dumps_exactly_and_a_churning_one_without_duplicates(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "table-dump");

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
    [Trait("scenario", "fuzz")]
    public async Task Random_and_mutated_requests_are_all_answered_and_unprivileged_ones_change_nothing(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "fuzz");

        outcome.ShouldHavePassed(
            "10000 requests from a privileged process are all answered",
            "10000 requests from an unprivileged process are answered, state changes with EPERM",
            "the unprivileged process changed nothing");
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "device-types")]
    public async Task Reflection_is_enabled_only_on_Ethernet_devices_and_others_are_refused_with_a_message(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "device-types");

        outcome.ShouldHavePassed(
            "an Ethernet device is accepted",
            "a tun device is refused with a message",
            "an ip6gre device is refused with a message",
            "only the Ethernet device is enabled");
    }
}
