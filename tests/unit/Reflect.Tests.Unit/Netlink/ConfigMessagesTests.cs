// SPDX-License-Identifier: MIT
using Reflect.Netlink;
using Reflect.Netlink.Protocol;
using Reflect.Netlink.ReflectFamily;
using static Reflect.Netlink.Protocol.NetlinkUapi;
using static Reflect.Netlink.ReflectUapi;
using static Reflect.Tests.Unit.Netlink.ReflectWire;

namespace Reflect.Tests.Unit.Netlink;

/// <summary>REFLECT_CMD_GET_STATUS, REFLECT_CMD_GET_CONFIG and REFLECT_CMD_SET_CONFIG.</summary>
public sealed class ConfigMessagesTests
{
    [Theory]
    [InlineData(REFLECT_CMD_GET_STATUS)]
    [InlineData(REFLECT_CMD_GET_CONFIG)]
    public void A_status_or_config_request_is_a_do_request_with_no_attributes(byte command)
    {
        // Act
        ReflectRequest request = Request((ref NetlinkMessageWriter w) =>
        {
            if (command == REFLECT_CMD_GET_STATUS)
            {
                ConfigMessages.WriteGetStatus(ref w, FamilyId, Sequence);
            }
            else
            {
                ConfigMessages.WriteGetConfig(ref w, FamilyId, Sequence);
            }
        });

        // Assert
        request.Header.Should().Be(new NetlinkHeader(20, FamilyId, NLM_F_REQUEST | NLM_F_ACK, Sequence, 0));
        request.Generic.Should().Be(new GenericNetlinkHeader(command, REFLECT_GENL_VERSION));
        request.Attributes.Should().BeEmpty();
    }

    [Fact]
    public void A_status_reply_round_trips_into_version_every_counter_and_the_config()
    {
        // Arrange
        NetlinkAnswer answer = Answer((ref NetlinkMessageWriter w) =>
        {
            BeginReply(ref w, REFLECT_CMD_GET_STATUS);
            w.WriteString(REFLECT_A_VERSION, "0.1.0");
            WriteStats(ref w, Samples.EveryCounter);
            WriteConfig(ref w, Samples.Config);
            w.EndMessage();
        });

        // Act
        ReflectStatus status = ConfigMessages.ReadStatus(answer, FamilyId);

        // Assert
        status.Should().Be(new ReflectStatus("0.1.0", Samples.EveryCounter, Samples.Config));
    }

    [Fact]
    public void Attributes_and_counters_a_later_module_adds_are_ignored()
    {
        // Arrange
        NetlinkAnswer answer = Answer((ref NetlinkMessageWriter w) =>
        {
            BeginReply(ref w, REFLECT_CMD_GET_STATUS);
            w.WriteU32(REFLECT_A_MAX + 1, 42);
            w.WriteString(REFLECT_A_VERSION, "0.1.0");
            int stats = w.BeginNested(REFLECT_A_STATS);
            w.WriteU64(REFLECT_STATS_A_PRE_IPV4, 1);
            w.WriteU64(REFLECT_STATS_A_PRE_IPV6, 2);
            w.WriteU64(REFLECT_STATS_A_OUT_IPV4, 3);
            w.WriteU64(REFLECT_STATS_A_OUT_IPV6, 4);
            w.WriteU64(REFLECT_STATS_A_MAX + 1, 99);
            w.WriteString(REFLECT_STATS_A_MAX + 2, "future");
            w.EndNested(stats);
            WriteConfig(ref w, Samples.Config);
            w.EndMessage();
        });

        // Act
        ReflectStatus status = ConfigMessages.ReadStatus(answer, FamilyId);

        // Assert
        status.Should().Be(new ReflectStatus("0.1.0", Samples.Counters(
            (ReflectCounter.PreIpv4, 1), (ReflectCounter.PreIpv6, 2), (ReflectCounter.OutIpv4, 3), (ReflectCounter.OutIpv6, 4)),
            Samples.Config));
    }

    [Theory]
    [InlineData(REFLECT_STATS_A_PRE_IPV4, "REFLECT_STATS_A_PRE_IPV4")]
    [InlineData(REFLECT_STATS_A_OUT_IPV6, "REFLECT_STATS_A_OUT_IPV6")]
    public void A_status_reply_lacking_a_hook_counter_is_rejected_naming_it(ushort missing, string name)
    {
        // Arrange: every counter but one; the others may be absent, these four never were.
        NetlinkAnswer answer = Answer((ref NetlinkMessageWriter w) =>
        {
            BeginReply(ref w, REFLECT_CMD_GET_STATUS);
            w.WriteString(REFLECT_A_VERSION, "0.1.0");
            WriteStats(ref w, ReflectCounters.All.Where(c => (ushort)c != missing).Select(c => KeyValuePair.Create(c, 1UL)));
            WriteConfig(ref w, Samples.Config);
            w.EndMessage();
        });

        // Act
        Action act = () => ConfigMessages.ReadStatus(answer, FamilyId);

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage($"REFLECT_CMD_GET_STATUS: reply lacks {name}");
    }

    [Fact]
    public void A_status_reply_without_the_config_is_rejected()
    {
        // Arrange
        NetlinkAnswer answer = Answer((ref NetlinkMessageWriter w) =>
        {
            BeginReply(ref w, REFLECT_CMD_GET_STATUS);
            w.WriteString(REFLECT_A_VERSION, "0.1.0");
            WriteStats(ref w, Samples.EveryCounter);
            w.EndMessage();
        });

        // Act
        Action act = () => ConfigMessages.ReadStatus(answer, FamilyId);

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage("REFLECT_CMD_GET_STATUS: reply lacks REFLECT_A_CONFIG");
    }

    [Fact]
    public void A_status_reply_of_another_family_is_rejected()
    {
        // Arrange
        NetlinkAnswer answer = Answer((ref NetlinkMessageWriter w) =>
        {
            BeginReply(ref w, REFLECT_CMD_GET_STATUS);
            w.EndMessage();
        });

        // Act
        Action act = () => ConfigMessages.ReadStatus(answer, FamilyId + 1);

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage("REFLECT_CMD_GET_STATUS: reply has message type 31, expected 32");
    }

    [Fact]
    public void A_config_reply_round_trips_into_ReflectConfig()
    {
        // Arrange
        ReflectConfig expected = Samples.Config with { Enabled = false, Mode = ReflectMode.Flow, EvictIdleSeconds = uint.MaxValue };
        NetlinkAnswer answer = Answer((ref NetlinkMessageWriter w) =>
        {
            BeginReply(ref w, REFLECT_CMD_GET_CONFIG);
            WriteConfig(ref w, expected);
            w.EndMessage();
        });

        // Act
        ReflectConfig config = ConfigMessages.ReadConfig(answer, FamilyId);

        // Assert
        config.Should().Be(expected);
    }

    [Fact]
    public void A_config_reply_lacking_a_key_is_rejected_naming_it()
    {
        // Arrange
        NetlinkAnswer answer = Answer((ref NetlinkMessageWriter w) =>
        {
            BeginReply(ref w, REFLECT_CMD_GET_CONFIG);
            int config = w.BeginNested(REFLECT_A_CONFIG);
            w.WriteU8(REFLECT_CONFIG_A_ENABLED, 1);
            w.WriteU8(REFLECT_CONFIG_A_MODE, REFLECT_MODE_PEER);
            w.EndNested(config);
            w.EndMessage();
        });

        // Act
        Action act = () => ConfigMessages.ReadConfig(answer, FamilyId);

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage("REFLECT_CMD_GET_CONFIG: reply lacks REFLECT_CONFIG_A_IDLE_TIMEOUT");
    }

    [Fact]
    public void A_set_config_request_carries_only_the_keys_that_change()
    {
        // Act
        ReflectRequest request = Request((ref NetlinkMessageWriter w) => ConfigMessages.WriteSetConfig(ref w, FamilyId, Sequence,
            new ReflectConfigChange { Mode = ReflectMode.Flow, ConfirmMilliseconds = 250 }));

        // Assert
        request.Header.Flags.Should().Be(NLM_F_REQUEST | NLM_F_ACK);
        request.Generic.Should().Be(new GenericNetlinkHeader(REFLECT_CMD_SET_CONFIG, REFLECT_GENL_VERSION));
        request.Attributes.Should().ContainSingle().Which.IsNested.Should().BeTrue();
        request.Nested(REFLECT_A_CONFIG).Should().BeEquivalentTo(
            [
                new AttributeValue(REFLECT_CONFIG_A_MODE, false, [REFLECT_MODE_FLOW]),
                new AttributeValue(REFLECT_CONFIG_A_CONFIRM_MS, false, Wire.Raw(250u)),
            ],
            options => options.WithStrictOrdering());
    }

    [Fact]
    public void A_set_config_request_changing_every_key_reads_back_as_the_same_config()
    {
        // Arrange
        ReflectConfig config = Samples.Config with { Enabled = false, Mode = ReflectMode.Flow, Learn = ReflectLearn.Any, Outbound = false };
        var change = new ReflectConfigChange
        {
            Enabled = config.Enabled, Mode = config.Mode, IdleTimeoutSeconds = config.IdleTimeoutSeconds,
            MaxEntries = config.MaxEntries, RetransThreshold = config.RetransThreshold, ConfirmPackets = config.ConfirmPackets,
            ConfirmMilliseconds = config.ConfirmMilliseconds, MinMoveMilliseconds = config.MinMoveMilliseconds,
            EvictIdleSeconds = config.EvictIdleSeconds, EventRate = config.EventRate, Learn = config.Learn, Outbound = config.Outbound,
        };
        byte[] nest = Request((ref NetlinkMessageWriter w) => ConfigMessages.WriteSetConfig(ref w, FamilyId, Sequence, change))
            .Single(REFLECT_A_CONFIG).Payload;

        // Act: the request's nest, sent back as a GET_CONFIG reply's.
        ReflectConfig readBack = ConfigMessages.ReadConfig(Answer((ref NetlinkMessageWriter w) =>
        {
            BeginReply(ref w, REFLECT_CMD_GET_CONFIG);
            int config = w.BeginNested(REFLECT_A_CONFIG);
            w.WriteRaw(nest);
            w.EndNested(config);
            w.EndMessage();
        }), FamilyId);

        // Assert
        readBack.Should().Be(config);
    }
}
