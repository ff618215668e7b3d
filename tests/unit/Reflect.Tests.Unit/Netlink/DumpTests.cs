// SPDX-License-Identifier: MIT
using Reflect.Netlink;
using Reflect.Netlink.Protocol;
using Reflect.Netlink.ReflectFamily;
using static Reflect.Netlink.Protocol.NetlinkUapi;
using static Reflect.Netlink.ReflectUapi;
using static Reflect.Tests.Unit.Netlink.ReflectWire;

namespace Reflect.Tests.Unit.Netlink;

/// <summary>How a dump's parts come together, and how NLM_F_DUMP_INTR reaches the caller.</summary>
public sealed class DumpTests
{
    [Fact]
    public void An_empty_dump_returns_no_items()
    {
        // Arrange
        NetlinkAnswer answer = DumpAnswer((ref NetlinkMessageWriter _) => { });

        // Act
        ReflectDump<ReflectInterface> dump = InterfaceMessages.ReadInterfaces(answer, FamilyId);

        // Assert
        dump.Items.Should().BeEmpty();
        dump.Interrupted.Should().BeFalse();
    }

    [Fact]
    public void A_dump_with_a_part_flagged_NLM_F_DUMP_INTR_keeps_every_part_and_is_marked_interrupted()
    {
        // Arrange
        NetlinkAnswer answer = DumpAnswer((ref NetlinkMessageWriter w) =>
        {
            WriteInterfacePart(ref w, 2, interrupted: false);
            WriteInterfacePart(ref w, 3, interrupted: true);
            WriteInterfacePart(ref w, 4, interrupted: false);
        });

        // Act
        ReflectDump<ReflectInterface> dump = InterfaceMessages.ReadInterfaces(answer, FamilyId);

        // Assert
        dump.Interrupted.Should().BeTrue();
        dump.Items.Select(iface => iface.IfIndex).Should().Equal(2, 3, 4);
    }

    [Fact]
    public void A_dump_whose_NLMSG_DONE_is_flagged_NLM_F_DUMP_INTR_is_marked_interrupted()
    {
        // Arrange
        NetlinkAnswer answer = DumpAnswer((ref NetlinkMessageWriter w) => WriteInterfacePart(ref w, 2, interrupted: false),
            doneInterrupted: true);

        // Act
        ReflectDump<ReflectInterface> dump = InterfaceMessages.ReadInterfaces(answer, FamilyId);

        // Assert
        dump.Interrupted.Should().BeTrue();
        dump.Items.Should().ContainSingle();
    }

    [Fact]
    public void NLM_F_DUMP_INTR_on_the_late_answer_to_an_earlier_request_is_ignored()
    {
        // Arrange
        var collector = new NetlinkReplyCollector(Sequence);
        byte[] datagram = Wire.Write((ref NetlinkMessageWriter w) =>
        {
            KernelReplies.DumpPart(ref w, FamilyId, Sequence - 1, 1, interrupted: true);
            KernelReplies.Done(ref w, Sequence - 1, interrupted: true);
            KernelReplies.DumpPart(ref w, FamilyId, Sequence, 2);
            KernelReplies.Done(ref w, Sequence);
        });

        // Act
        collector.Add(datagram);

        // Assert
        collector.IsComplete.Should().BeTrue();
        collector.Answer.DumpInterrupted.Should().BeFalse();
        collector.Answer.Replies.Should().ContainSingle();
    }

    [Fact]
    public void A_dump_part_of_another_family_is_rejected()
    {
        // Arrange
        NetlinkAnswer answer = DumpAnswer((ref NetlinkMessageWriter w) => WriteInterfacePart(ref w, 2, interrupted: false));

        // Act
        Action act = () => InterfaceMessages.ReadInterfaces(answer, FamilyId + 1);

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage("REFLECT_CMD_GET_IFACE: reply has message type 31, expected 32");
    }

    [Fact]
    public void A_dump_part_too_short_for_its_genlmsghdr_is_rejected()
    {
        // Arrange: nlmsg_len 17, one byte of payload, then the padding the next message starts after.
        NetlinkAnswer answer = DumpAnswer((ref NetlinkMessageWriter w) =>
            w.WriteRaw(Wire.Raw(17u, FamilyId, NLM_F_MULTI, Sequence, KernelReplies.PortId, REFLECT_CMD_GET_SCOPE)));

        // Act
        Action act = () => ScopeMessages.ReadScopes(answer, FamilyId);

        // Assert
        act.Should().Throw<NetlinkFormatException>().WithMessage("truncated genlmsghdr: 1 bytes of payload, 4 needed");
    }

    private static void WriteInterfacePart(ref NetlinkMessageWriter w, uint ifIndex, bool interrupted)
    {
        BeginReply(ref w, REFLECT_CMD_GET_IFACE, dumpPart: true, interrupted: interrupted);
        w.WriteU32(REFLECT_A_IFINDEX, ifIndex);
        w.WriteString(REFLECT_A_IFNAME, $"eth{ifIndex}");
        WriteStats(ref w, ReflectCounters.Zero);
        w.EndMessage();
    }
}
