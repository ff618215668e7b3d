// SPDX-License-Identifier: MIT
using Reflect.Netlink;
using Reflect.Netlink.Protocol;
using static Reflect.Netlink.Protocol.NetlinkUapi;

namespace Reflect.Tests.Unit.Netlink;

public sealed class AcknowledgementTests
{
    private const ushort FamilyId = 0x20;
    private const uint Sequence = 7;

    private static readonly byte[] Request = Wire.Write((ref NetlinkMessageWriter w) =>
    {
        w.BeginMessage(FamilyId, NLM_F_REQUEST | NLM_F_ACK, Sequence);
        w.WriteGenericHeader(1, 1);
        w.WriteString(1, "eth0");
        w.EndMessage();
    });

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_error_with_extended_ack_round_trips_whether_or_not_the_request_is_echoed_whole(bool capped)
    {
        // Arrange
        byte[] datagram = Wire.Write((ref NetlinkMessageWriter w) =>
            KernelReplies.Error(ref w, Sequence, errno: 22, Request, capped, "unknown interface", offset: 20));
        MessageValue message = Wire.ReadMessages(datagram).Single();

        // Act
        NetlinkAcknowledgement acknowledgement = NetlinkAcknowledgement.ReadError(message.Header, message.Payload);

        // Assert
        acknowledgement.Should().Be(new NetlinkAcknowledgement(-22, "unknown interface", 20));
    }

    [Fact]
    public void An_ACK_completes_a_request_with_the_reply_before_it()
    {
        // Arrange
        var collector = new NetlinkReplyCollector(Sequence);
        byte[] reply = Wire.Write((ref NetlinkMessageWriter w) => KernelReplies.DumpPart(ref w, FamilyId, Sequence, 1));
        byte[] ack = Wire.Write((ref NetlinkMessageWriter w) => KernelReplies.Error(ref w, Sequence, errno: 0, Request));

        // Act
        collector.Add(reply);
        bool completeBeforeAck = collector.IsComplete;
        collector.Add(ack);

        // Assert
        completeBeforeAck.Should().BeFalse();
        collector.IsComplete.Should().BeTrue();
        collector.Replies.Should().ContainSingle().Which.Header.Type.Should().Be(FamilyId);
    }

    [Fact]
    public void A_dump_split_over_several_datagrams_is_reassembled_up_to_NLMSG_DONE()
    {
        // Arrange
        var collector = new NetlinkReplyCollector(Sequence);
        byte[] first = Wire.Write((ref NetlinkMessageWriter w) =>
        {
            KernelReplies.DumpPart(ref w, FamilyId, Sequence, 1);
            KernelReplies.DumpPart(ref w, FamilyId, Sequence, 2);
        });
        byte[] last = Wire.Write((ref NetlinkMessageWriter w) =>
        {
            KernelReplies.DumpPart(ref w, FamilyId, Sequence, 3);
            KernelReplies.Done(ref w, Sequence);
        });

        // Act
        collector.Add(first);
        bool completeAfterFirst = collector.IsComplete;
        collector.Add(last);

        // Assert
        completeAfterFirst.Should().BeFalse();
        collector.IsComplete.Should().BeTrue();
        collector.Replies.Select(r => Wire.ReadGeneric(r.Payload.Span).Attributes.Single().Payload[0])
            .Should().Equal(1, 2, 3);
        collector.Replies.Should().OnlyContain(r => r.Header.HasFlags(NLM_F_MULTI));
    }

    [Fact]
    public void Messages_answering_an_earlier_sequence_number_are_skipped()
    {
        // Arrange: the late answer to a request that timed out arrives first.
        var collector = new NetlinkReplyCollector(Sequence);
        byte[] datagram = Wire.Write((ref NetlinkMessageWriter w) =>
        {
            KernelReplies.Error(ref w, Sequence - 1, errno: 22, Request);
            KernelReplies.DumpPart(ref w, FamilyId, Sequence - 1, 9);
            KernelReplies.DumpPart(ref w, FamilyId, Sequence, 1);
            KernelReplies.Done(ref w, Sequence);
        });

        // Act
        collector.Add(datagram);

        // Assert
        collector.IsComplete.Should().BeTrue();
        collector.Replies.Should().ContainSingle().Which.Header.Sequence.Should().Be(Sequence);
    }

    [Fact]
    public void A_refusal_becomes_a_NetlinkException_carrying_errno_and_extended_ack()
    {
        // Arrange
        var collector = new NetlinkReplyCollector(Sequence);
        byte[] datagram = Wire.Write((ref NetlinkMessageWriter w) =>
            KernelReplies.Error(ref w, Sequence, errno: 1, Request, capped: false, "needs CAP_NET_ADMIN", offset: 20));

        // Act
        Action act = () => collector.Add(datagram);

        // Assert
        NetlinkException refusal = act.Should().Throw<NetlinkException>().Which;
        refusal.Errno.Should().Be(1);
        refusal.IsPermissionDenied.Should().BeTrue();
        refusal.ExtendedAckMessage.Should().Be("needs CAP_NET_ADMIN");
        refusal.ExtendedAckOffset.Should().Be(20);
        refusal.Message.Should().Be("netlink request failed: Operation not permitted (errno 1): needs CAP_NET_ADMIN");
    }

    [Fact]
    public void A_dump_that_fails_midway_reports_the_error_carried_by_NLMSG_DONE()
    {
        // Arrange
        var collector = new NetlinkReplyCollector(Sequence);
        byte[] datagram = Wire.Write((ref NetlinkMessageWriter w) =>
        {
            KernelReplies.DumpPart(ref w, FamilyId, Sequence, 1);
            KernelReplies.Done(ref w, Sequence, errno: 90, "table changed during dump");
        });

        // Act
        Action act = () => collector.Add(datagram);

        // Assert
        act.Should().Throw<NetlinkException>()
            .Where(e => e.Errno == 90 && e.ExtendedAckMessage == "table changed during dump");
    }

    [Fact]
    public void ENOBUFS_is_raised_as_the_buffer_overrun_exception()
    {
        // Arrange
        var collector = new NetlinkReplyCollector(Sequence);
        byte[] datagram = Wire.Write((ref NetlinkMessageWriter w) => KernelReplies.Error(ref w, Sequence, errno: 105, Request));

        // Act
        Action act = () => collector.Add(datagram);

        // Assert
        act.Should().Throw<NetlinkBufferOverrunException>().Which.Errno.Should().Be(105);
    }
}
