// SPDX-License-Identifier: MIT
using System.Net;
using CliWrap;
using CliWrap.Buffered;
using Reflect.Guest;
using Reflect.Netlink;
using Reflect.Tests.Unit.Netlink;
using ReflectCtl.Output;

namespace Reflect.Tests.Unit.ReflectCtl;

public sealed class PrometheusTests
{
    private static FakeReflectClient Client() => new()
    {
        Status = new("0.1.0", Samples.Counters(
            (ReflectCounter.PreIpv4, 12), (ReflectCounter.OutIpv6, 3), (ReflectCounter.Learned, 5),
            (ReflectCounter.FbMtu, 7), (ReflectCounter.Held, 2), (ReflectCounter.Entries, 4)), Samples.Config),
        Interfaces = new([new ReflectInterface(2, "eth0", Samples.Counters((ReflectCounter.Learned, 4), (ReflectCounter.FbStale, 1)))], false),
        Locals = new([new ReflectLocal(IPAddress.Parse("fd50::10"), Samples.Counters((ReflectCounter.ReflectedBytes, 1500)))], false),
    };

    [Fact]
    public void Stats_prometheus_prints_the_namespace_its_interfaces_and_local_addresses_in_labelled_families()
    {
        // Arrange
        FakeReflectClient client = Client();

        // Act
        (int exitCode, string output, string error) = client.Run("stats", "--prometheus");

        // Assert
        exitCode.Should().Be(0);
        error.Should().BeEmpty();
        output.Should().Contain("# HELP reflect_hook_packets_total Packets seen by reflect's netfilter hooks, by hook and family.\n" +
            "# TYPE reflect_hook_packets_total counter\n" +
            "reflect_hook_packets_total{hook=\"local_in\",family=\"ipv4\"} 12\n" +
            "reflect_hook_packets_total{hook=\"local_in\",family=\"ipv6\"} 0\n" +
            "reflect_hook_packets_total{hook=\"local_out\",family=\"ipv4\"} 0\n" +
            "reflect_hook_packets_total{hook=\"local_out\",family=\"ipv6\"} 3\n");
        output.Should().Contain("# TYPE reflect_entries gauge\nreflect_entries 4\n");
        output.Should().Contain("# TYPE reflect_learned_total counter\nreflect_learned_total 5\n");
        output.Should().Contain("reflect_held_total 2\n");
        output.Should().Contain("reflect_fallback_packets_total{reason=\"mtu\"} 7\n");
        output.Should().Contain("reflect_iface_learned_total{iface=\"eth0\"} 4\n");
        output.Should().Contain("reflect_iface_fallback_packets_total{iface=\"eth0\",reason=\"stale\"} 1\n");
        output.Should().Contain("reflect_local_reflected_bytes_total{local=\"fd50::10\"} 1500\n");
        output.Should().NotContain("reflect_iface_hook_packets_total").And.NotContain("reflect_fb_");
        client.Calls.Should().Equal(new ClientCall("GetStatus"), new ClientCall("GetInterfaces"), new ClientCall("GetLocals"));
    }

    [Fact]
    public void Every_counter_has_a_help_text()
    {
        Prometheus.Described.Should().BeEquivalentTo(ReflectCounters.All);
    }

    [Fact]
    public async Task Promtool_finds_nothing_to_lint_in_the_output()
    {
        // Arrange: ci/install-deps puts promtool into the cache, out of Debian's prometheus package.
        string promtool = Path.Combine(RepositoryPaths.Cache, "tools", "promtool");
        File.Exists(promtool).Should().BeTrue($"ci/install-deps puts promtool at {promtool}");
        (_, string metrics, _) = Client().Run("stats", "--prometheus");

        // Act
        BufferedCommandResult result = await CliWrap.Cli.Wrap(promtool).WithArguments(["check", "metrics"])
            .WithStandardInputPipe(PipeSource.FromString(metrics))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();

        // Assert
        (result.StandardOutput + result.StandardError).Should().BeEmpty();
        result.ExitCode.Should().Be(0);
    }

    [Fact]
    public void Stats_prometheus_cannot_be_combined_with_a_filter_or_json()
    {
        // Act
        (int exitCode, _, string error) = Client().Run("stats", "--prometheus", "--json");

        // Assert
        exitCode.Should().Be(2);
        error.Should().Contain("--prometheus shows every counter");
    }
}
