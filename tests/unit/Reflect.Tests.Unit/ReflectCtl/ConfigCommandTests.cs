// SPDX-License-Identifier: MIT
using Reflect.Netlink;
using Reflect.Tests.Unit.Netlink;
using ReflectCtl.Arguments;
using static Reflect.Tests.Unit.ReflectCtl.JsonLines;

namespace Reflect.Tests.Unit.ReflectCtl;

/// <summary>reflectctl config get|set, enable and disable.</summary>
public sealed class ConfigCommandTests
{
    private const string ValidKeys =
        "valid keys: enabled=true|false|1|0, mode=peer|flow, idle_timeout=SECONDS, max_entries=N, retrans_threshold=N, " +
        "confirm_packets=N, confirm_ms=MILLISECONDS, min_move_ms=MILLISECONDS, evict_idle=SECONDS, " +
        "event_rate=PER_SECOND";

    [Fact]
    public void Config_get_json_has_one_key_per_setting_named_as_config_set_takes_it()
    {
        // Arrange
        var client = new FakeReflectClient();

        // Act
        (int exitCode, string output, _) = client.Run("config", "get", "--json");

        // Assert
        exitCode.Should().Be(0);
        output.Should().Be(
            OneLine(
                """
                {"enabled":true,"mode":"peer","idle_timeout":300,"max_entries":65536,"retrans_threshold":3,
                "confirm_packets":4,"confirm_ms":200,"min_move_ms":500,"evict_idle":30,"event_rate":1000,"learn":"trusted","outbound":true}
                """));
        client.Calls.Should().Equal(new ClientCall("GetConfig"));
    }

    [Fact]
    public void Config_get_text_lists_each_key_and_value()
    {
        // Arrange
        var client = new FakeReflectClient { Config = Samples.Config with { Enabled = false, Mode = ReflectMode.Flow } };

        // Act
        (_, string output, _) = client.Run("config", "get");

        // Assert
        output.Split('\n').Take(3).Should().Equal("enabled            false", "mode               flow", "idle_timeout       300");
    }

    [Fact]
    public void Config_set_sends_every_assignment_in_one_change()
    {
        // Arrange
        var client = new FakeReflectClient();

        // Act
        (int exitCode, _, string error) = client.Run("config", "set", "enabled=0", "mode=flow", "idle_timeout=600",
            "max_entries=1024", "retrans_threshold=0", "confirm_packets=2", "confirm_ms=100", "min_move_ms=1000", "evict_idle=60", "event_rate=50");

        // Assert
        exitCode.Should().Be(0);
        error.Should().BeEmpty();
        client.Calls.Should().Equal(new ClientCall("SetConfig", new ReflectConfigChange
        {
            Enabled = false, Mode = ReflectMode.Flow, IdleTimeoutSeconds = 600, MaxEntries = 1024, RetransThreshold = 0,
            ConfirmPackets = 2, ConfirmMilliseconds = 100, MinMoveMilliseconds = 1000, EvictIdleSeconds = 60, EventRate = 50,
        }));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    public void Config_set_takes_enabled_as_true_false_1_or_0(string value, bool enabled)
    {
        // Arrange
        var client = new FakeReflectClient();

        // Act
        (int exitCode, _, _) = client.Run("config", "set", $"enabled={value}");

        // Assert
        exitCode.Should().Be(0);
        client.Calls.Should().Equal(new ClientCall("SetConfig", new ReflectConfigChange { Enabled = enabled }));
    }

    [Fact]
    public void Config_set_rejects_an_unknown_key_with_exit_2_listing_the_valid_keys()
    {
        // Arrange
        var client = new FakeReflectClient();

        // Act
        (int exitCode, string output, string error) = client.Run("config", "set", "mode=flow", "idle=5");

        // Assert
        exitCode.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain($"reflectctl: config set: unknown config key 'idle'; {ValidKeys}");
        client.Calls.Should().BeEmpty();
    }

    [Theory]
    [InlineData("mode=bogus", "'bogus' is not a value for mode, which takes peer|flow")]
    [InlineData("enabled=yes", "'yes' is not a value for enabled, which takes true|false|1|0")]
    [InlineData("idle_timeout=-1", "'-1' is not a value for idle_timeout, which takes SECONDS")]
    [InlineData("max_entries=4294967296", "'4294967296' is not a value for max_entries, which takes N")]
    [InlineData("confirm_ms=", "'' is not a value for confirm_ms, which takes MILLISECONDS")]
    [InlineData("enabled", "'enabled' is not key=value")]
    public void Config_set_rejects_a_malformed_assignment_with_exit_2(string assignment, string problem)
    {
        // Arrange
        var client = new FakeReflectClient();

        // Act
        (int exitCode, _, string error) = client.Run("config", "set", assignment);

        // Assert
        exitCode.Should().Be(2);
        error.Should().Contain($"config set: {problem}; {ValidKeys}");
        client.Calls.Should().BeEmpty();
    }

    [Fact]
    public void Config_set_without_an_assignment_is_a_usage_error()
    {
        // Act
        (int exitCode, _, string error) = new FakeReflectClient().Run("config", "set");

        // Assert
        exitCode.Should().Be(2);
        error.Should().Contain("Try 'reflectctl --help'.");
    }

    [Fact]
    public void Every_value_config_get_shows_is_one_config_set_takes_back()
    {
        // Arrange
        ReflectConfig config = Samples.Config with { Enabled = false, Mode = ReflectMode.Flow, Learn = ReflectLearn.Any, Outbound = false };

        // Act
        ReflectConfigChange? change = ConfigKeys.Parse(ConfigKeys.All.Select(key => $"{key.Name}={key.Show(config)}"), out string? error);

        // Assert
        error.Should().BeNull();
        change.Should().Be(new ReflectConfigChange
        {
            Enabled = config.Enabled, Mode = config.Mode, IdleTimeoutSeconds = config.IdleTimeoutSeconds,
            MaxEntries = config.MaxEntries, RetransThreshold = config.RetransThreshold, ConfirmPackets = config.ConfirmPackets,
            ConfirmMilliseconds = config.ConfirmMilliseconds, MinMoveMilliseconds = config.MinMoveMilliseconds,
            EvictIdleSeconds = config.EvictIdleSeconds, EventRate = config.EventRate, Learn = config.Learn, Outbound = config.Outbound,
        });
    }

    [Theory]
    [InlineData("enable", true)]
    [InlineData("disable", false)]
    public void Enable_and_disable_set_only_the_global_switch(string command, bool enabled)
    {
        // Arrange
        var client = new FakeReflectClient();

        // Act
        (int exitCode, string output, _) = client.Run(command);

        // Assert
        exitCode.Should().Be(0);
        output.Should().BeEmpty();
        client.Calls.Should().Equal(new ClientCall("SetConfig", new ReflectConfigChange { Enabled = enabled }));
    }
}
