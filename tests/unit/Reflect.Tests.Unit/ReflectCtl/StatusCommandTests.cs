// SPDX-License-Identifier: MIT
using Reflect.Netlink;
using Reflect.Tests.Unit.Netlink;
using static Reflect.Tests.Unit.ReflectCtl.JsonLines;

namespace Reflect.Tests.Unit.ReflectCtl;

public sealed class StatusCommandTests
{
    private static readonly ReflectStatus Status = new("0.1.0", Samples.Counters(
        (ReflectCounter.PreIpv4, 12), (ReflectCounter.PreIpv6, 3), (ReflectCounter.OutIpv6, ulong.MaxValue),
        (ReflectCounter.Learned, 5), (ReflectCounter.FbMtu, 7), (ReflectCounter.FbStale, 3), (ReflectCounter.Entries, 2)),
        Samples.Config);

    [Fact]
    public void Status_json_keeps_the_hook_counter_keys_and_adds_every_counter_and_the_config()
    {
        // Arrange
        var client = new FakeReflectClient { Status = Status };

        // Act
        (int exitCode, string output, string error) = client.Run("status", "--json");

        // Assert
        exitCode.Should().Be(0);
        error.Should().BeEmpty();
        output.Should().Be(
            OneLine(
                """
                {"version":"0.1.0","counters":{"pre_ipv4":12,"pre_ipv6":3,"out_ipv4":0,"out_ipv6":18446744073709551615,
                "learned":5,"refreshed":0,"moved":0,"flaps":0,"held":0,"skipped":0,"reflected_packets":0,"reflected_bytes":0,
                "miss":0,"fb_disabled":0,"fb_stale":3,"fb_dev_gone":0,"fb_dev_down":0,"fb_no_carrier":0,"fb_mtu":7,
                "fb_retrans":0,"fb_dst_type":0,"table_full":0,"evicted":0,"expired":0,"entries":2,"fb_no_neigh":0,"untrusted":0,"fb_untrusted":0,"fb_outbound":0},
                "config":{"enabled":true,"mode":"peer","idle_timeout":300,"max_entries":65536,"retrans_threshold":3,
                "confirm_packets":4,"confirm_ms":200,"min_move_ms":500,"evict_idle":30,"event_rate":1000,"learn":"trusted","outbound":true}}
                """));
        client.Calls.Should().Equal(new ClientCall("GetStatus"));
        client.Disposed.Should().BeTrue();
    }

    [Fact]
    public void Status_text_sums_up_the_config_and_shows_the_hook_and_key_counters()
    {
        // Arrange
        var client = new FakeReflectClient { Status = Status };

        // Act
        (int exitCode, string output, _) = client.Run("status");

        // Assert
        exitCode.Should().Be(0);
        output.Split('\n').Should().Equal(
            "reflect 0.1.0: enabled, peer mode, 2 of 65536 entries",
            "",
            "           IPv4                  IPv6",
            "LOCAL_IN     12                     3",
            "LOCAL_OUT     0  18446744073709551615",
            "",
            "learned             5",
            "moved               0",
            "flaps               0",
            "reflected_packets   0",
            "reflected_bytes     0",
            "miss                0",
            "table_full          0",
            "fallback           10",
            "");
    }

    [Fact]
    public void The_fallback_line_sums_every_counter_named_after_a_fallback_reason()
    {
        // Arrange: one packet for each fb_* counter, none anywhere else.
        ReflectCounter[] reasons = [.. ReflectCounters.All.Where(counter => counter.ToString().StartsWith("Fb", StringComparison.Ordinal))];
        var status = new ReflectStatus("0.1.0", Samples.Counters([.. reasons.Select(reason => (reason, 1UL))]), Samples.Config);
        var client = new FakeReflectClient { Status = status };

        // Act
        (int exitCode, string output, _) = client.Run("status");

        // Assert
        exitCode.Should().Be(0);
        reasons.Should().HaveCount(11);
        string fallback = output.Split('\n').Single(line => line.StartsWith("fallback ", StringComparison.Ordinal));
        fallback.Split(' ', StringSplitOptions.RemoveEmptyEntries).Should().Equal("fallback", "11");
    }

    [Fact]
    public void Reflectctl_alone_prints_the_status_text()
    {
        // Arrange
        var client = new FakeReflectClient { Status = Status };

        // Act
        (int exitCode, string output, _) = client.Run();

        // Assert
        exitCode.Should().Be(0);
        output.Should().StartWith("reflect 0.1.0: enabled, peer mode");
    }
}
