// SPDX-License-Identifier: MIT
using Reflect.Netlink;
using Reflect.Netlink.Protocol;
using Reflect.Netlink.ReflectFamily;
using static Reflect.Netlink.Protocol.NetlinkUapi;
using static Reflect.Netlink.ReflectUapi;

namespace Reflect.Tests.Unit.Netlink;

public sealed class ReflectMessagesTests
{
    private const ushort FamilyId = 0x1f;
    private const uint Sequence = 9;

    [Fact]
    public void The_status_request_carries_the_command_and_family_version_and_no_attributes()
    {
        // Arrange
        byte[] bytes = Wire.Write((ref NetlinkMessageWriter w) => ReflectMessages.WriteGetStatus(ref w, FamilyId, Sequence));

        // Act
        MessageValue message = Wire.ReadMessages(bytes).Single();
        (GenericNetlinkHeader header, List<AttributeValue> attributes) = Wire.ReadGeneric(message.Payload);

        // Assert
        message.Header.Should().Be(new NetlinkHeader(20, FamilyId, NLM_F_REQUEST | NLM_F_ACK, Sequence, 0));
        header.Should().Be(new GenericNetlinkHeader(REFLECT_CMD_GET_STATUS, REFLECT_GENL_VERSION));
        attributes.Should().BeEmpty();
    }

    [Fact]
    public void A_status_reply_round_trips_into_ReflectStatus()
    {
        // Arrange
        IReadOnlyList<NetlinkReply> replies = Collect((ref NetlinkMessageWriter w) => WriteStatusReply(ref w, extras: false));

        // Act
        ReflectStatus status = ReflectMessages.ReadStatus(replies, FamilyId);

        // Assert
        status.Should().Be(new ReflectStatus("1.0.0", new ReflectCounters(10, 20, 30, ulong.MaxValue)));
    }

    [Fact]
    public void Attributes_a_later_module_adds_are_ignored()
    {
        // Arrange
        IReadOnlyList<NetlinkReply> replies = Collect((ref NetlinkMessageWriter w) => WriteStatusReply(ref w, extras: true));

        // Act
        ReflectStatus status = ReflectMessages.ReadStatus(replies, FamilyId);

        // Assert
        status.Should().Be(new ReflectStatus("1.0.0", new ReflectCounters(10, 20, 30, ulong.MaxValue)));
    }

    [Fact]
    public void A_status_reply_lacking_a_counter_is_rejected_naming_it()
    {
        // Arrange
        IReadOnlyList<NetlinkReply> replies = Collect((ref NetlinkMessageWriter w) =>
        {
            w.BeginMessage(FamilyId, 0, Sequence, KernelReplies.PortId);
            w.WriteGenericHeader(REFLECT_CMD_GET_STATUS, REFLECT_GENL_VERSION);
            w.WriteString(REFLECT_A_VERSION, "1.0.0");
            int stats = w.BeginNested(REFLECT_A_STATS);
            w.WriteU64(REFLECT_STATS_A_PRE_IPV4, 1);
            w.WriteU64(REFLECT_STATS_A_PRE_IPV6, 2);
            w.WriteU64(REFLECT_STATS_A_OUT_IPV4, 3);
            w.EndNested(stats);
            w.EndMessage();
        });

        // Act
        Action act = () => ReflectMessages.ReadStatus(replies, FamilyId);

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage("REFLECT_CMD_GET_STATUS: reply lacks REFLECT_STATS_A_OUT_IPV6");
    }

    [Fact]
    public void A_status_reply_of_another_family_is_rejected()
    {
        // Arrange
        IReadOnlyList<NetlinkReply> replies = Collect((ref NetlinkMessageWriter w) => WriteStatusReply(ref w, extras: false));

        // Act
        Action act = () => ReflectMessages.ReadStatus(replies, FamilyId + 1);

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage("REFLECT_CMD_GET_STATUS: reply has message type 31, expected 32");
    }

    /// <summary>The reply as reflect.h draws it, with REFLECT_STATS_A_PAD as nla_put_64bit() adds it.</summary>
    private static void WriteStatusReply(ref NetlinkMessageWriter w, bool extras)
    {
        w.BeginMessage(FamilyId, 0, Sequence, KernelReplies.PortId);
        w.WriteGenericHeader(REFLECT_CMD_GET_STATUS, REFLECT_GENL_VERSION);
        if (extras)
        {
            w.WriteU32(REFLECT_A_MAX + 1, 42);
        }

        w.WriteString(REFLECT_A_VERSION, "1.0.0");
        int stats = w.BeginNested(REFLECT_A_STATS);
        w.WriteBinary(REFLECT_STATS_A_PAD, []);
        w.WriteU64(REFLECT_STATS_A_PRE_IPV4, 10);
        w.WriteU64(REFLECT_STATS_A_PRE_IPV6, 20);
        w.WriteU64(REFLECT_STATS_A_OUT_IPV4, 30);
        w.WriteU64(REFLECT_STATS_A_OUT_IPV6, ulong.MaxValue);
        if (extras)
        {
            w.WriteU64(REFLECT_STATS_A_MAX + 1, 99);
            w.WriteString(REFLECT_STATS_A_MAX + 2, "future");
        }

        w.EndNested(stats);
        w.EndMessage();
    }

    private static IReadOnlyList<NetlinkReply> Collect(WriteMessages writeReply)
    {
        var collector = new NetlinkReplyCollector(Sequence);
        collector.Add(Wire.Write(writeReply));
        collector.Add(Wire.Write((ref NetlinkMessageWriter w) => KernelReplies.Error(ref w, Sequence, 0, Wire.Raw(20u, FamilyId, (ushort)0, Sequence, 0u))));
        collector.IsComplete.Should().BeTrue();
        return collector.Replies;
    }
}
