// SPDX-License-Identifier: MIT
using System.Text.RegularExpressions;
using FluentAssertions;
using Reflect.Guest;
using Reflect.Guest.Scenarios;
using Xunit;

namespace Reflect.Tests.Qemu;

/// <summary>The first scenario, on every kernel of the matrix: tests/qemu/scenarios/two-routers.sh.</summary>
[Collection(GuestsDefinition.Name)]
public sealed class ModuleSkeletonTests(GuestPool pool)
{
    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    [Trait("scenario", "two-routers")]
    public async Task The_two_router_topology_carries_ping_and_iperf3_and_the_module_counts_it(string series)
    {
        ScenarioOutcome outcome = await pool.RunScenarioAsync(series, "two-routers");

        outcome.ShouldHavePassed(
        [
            "module loads",
            "family REFLECT is registered",
            "status is readable over netlink",
            "ping IPv4 client -> appliance",
            "ping IPv6 client -> appliance",
            "iperf3 IPv4 3 s",
            "iperf3 IPv6 3 s",
            "the appliance's counters moved",
            "a namespace without traffic keeps its own zero counters",
            "module unloads",
            "module is gone",
            "kernel log is clean",
        ]);
        outcome.Output.Should().Contain($"module version: {ModuleVersion()}");
    }

    /// <summary>REFLECT_VERSION as kmod/reflect.h defines it: what the module must report over netlink.</summary>
    private static string ModuleVersion() =>
        Regex.Match(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "kmod", "reflect.h")), @"#define\s+REFLECT_VERSION\s+""([^""]+)""").Groups[1].Value;
}
