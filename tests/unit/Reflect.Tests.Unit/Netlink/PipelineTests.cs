// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.NetworkInformation;
using Reflect.Netlink;
using Reflect.Netlink.GenericNetlink;
using Reflect.Netlink.Protocol;
using Reflect.Netlink.Transport;
using static Reflect.Netlink.Protocol.NetlinkUapi;
using static Reflect.Netlink.ReflectUapi;
using static Reflect.Tests.Unit.Netlink.ReflectWire;

namespace Reflect.Tests.Unit.Netlink;

/// <summary>
/// Bulk adds and deletes: many requests to a datagram, only each datagram's last asking for an
/// ACK, failures matched to their requests by sequence number.
/// </summary>
public sealed class PipelineTests
{
    private static readonly GenericNetlinkFamily Family = new("REFLECT", FamilyId, new Dictionary<string, uint>());

    [Fact]
    public void Three_hundred_adds_go_in_three_datagrams_each_acknowledged_once()
    {
        // Arrange
        var kernel = new FakeNetlinkTransport { Kernel = _ => (0, null) };
        using var client = new ReflectClient(kernel, Family, _ => throw new InvalidOperationException());

        // Act
        IReadOnlyList<NetlinkRequestFailure> failures = client.AddEntries(Entries(300), replace: false);

        // Assert
        failures.Should().BeEmpty();
        List<List<MessageValue>> datagrams = kernel.Sent.Select(sent => Wire.ReadMessages(sent)).ToList();
        datagrams.Select(messages => messages.Count).Should().Equal(128, 128, 44);
        datagrams.SelectMany(messages => messages).Select(message => message.Header.Sequence)
            .Should().Equal(Enumerable.Range(1, 300).Select(i => (uint)i));
        datagrams.Select(messages => messages.Count(message => message.Header.HasFlags(NLM_F_ACK))).Should().Equal(1, 1, 1);
        datagrams.Select(messages => messages[^1].Header.HasFlags(NLM_F_ACK)).Should().AllBeEquivalentTo(true);
        kernel.Incoming.Should().BeEmpty();
    }

    [Fact]
    public void Each_refusal_is_reported_at_its_position_with_its_extended_ack_and_the_rest_still_added()
    {
        // Arrange: the kernel refuses the 3rd and the 200th request, and the last of the first datagram.
        var refused = new Dictionary<uint, (int, string?)> { [3] = (17, "entry exists"), [128] = (28, "table full"), [200] = (22, null) };
        var kernel = new FakeNetlinkTransport
        {
            Kernel = request => refused.GetValueOrDefault(request.Header.Sequence, (0, null)),
        };
        using var client = new ReflectClient(kernel, Family, _ => throw new InvalidOperationException());

        // Act
        IReadOnlyList<NetlinkRequestFailure> failures = client.AddEntries(Entries(250), replace: true);

        // Assert
        failures.Select(failure => (failure.Index, failure.Error.Errno, failure.Error.ExtendedAckMessage))
            .Should().Equal((2, 17, "entry exists"), (127, 28, "table full"), (199, 22, null));
        kernel.Sent.Should().HaveCount(2);
    }

    [Fact]
    public void Answers_of_earlier_requests_and_notifications_are_skipped_while_collecting()
    {
        // Arrange: a late error for sequence 99 and an event arrive before the batch's ACK.
        var kernel = new FakeNetlinkTransport();
        kernel.Incoming.Enqueue(Wire.Write((ref NetlinkMessageWriter w) =>
            KernelReplies.Error(ref w, 99, 22, Wire.Raw(20u, FamilyId, (ushort)0, 99u, 0u))));
        kernel.Incoming.Enqueue(Wire.Write((ref NetlinkMessageWriter w) =>
        {
            w.BeginMessage(FamilyId, 0, 0);
            w.WriteGenericHeader(REFLECT_CMD_EVENT, REFLECT_GENL_VERSION);
            w.EndMessage();
            KernelReplies.Error(ref w, 2, 0, Wire.Raw(20u, FamilyId, (ushort)0, 2u, 0u));
        }));

        // Act
        IReadOnlyList<NetlinkRequestFailure> failures = kernel.Pipeline(2, 64, (ref NetlinkMessageWriter w, int index, uint sequence, bool ack) =>
        {
            w.BeginMessage(FamilyId, (ushort)(NLM_F_REQUEST | (ack ? NLM_F_ACK : 0)), sequence);
            w.EndMessage();
        });

        // Assert
        failures.Should().BeEmpty();
        kernel.Incoming.Should().BeEmpty();
    }

    [Fact]
    public void A_batch_whose_sequence_numbers_wrap_is_still_collected()
    {
        // Arrange
        var collector = new NetlinkBatchCollector(uint.MaxValue - 1, 1);
        byte[] answers = Wire.Write((ref NetlinkMessageWriter w) =>
        {
            KernelReplies.Error(ref w, uint.MaxValue, 17, Wire.Raw(20u, FamilyId, (ushort)0, uint.MaxValue, 0u));
            KernelReplies.Error(ref w, 1, 0, Wire.Raw(20u, FamilyId, (ushort)0, 1u, 0u));
        });

        // Act
        collector.Add(answers);

        // Assert
        collector.IsComplete.Should().BeTrue();
        collector.Failures.Select(failure => (failure.Offset, failure.Acknowledgement.Error)).Should().Equal((1, -17));
    }

    [Fact]
    public void A_single_add_throws_the_kernels_refusal()
    {
        // Arrange
        var kernel = new FakeNetlinkTransport { Kernel = _ => (19, "interface 9 is not enabled for reflection") };
        using var client = new ReflectClient(kernel, Family, _ => throw new InvalidOperationException());

        // Act
        Action act = () => client.AddEntry(Entries(1)[0]);

        // Assert
        act.Should().Throw<NetlinkException>().Where(e => e.Errno == 19 && e.ExtendedAckMessage == "interface 9 is not enabled for reflection");
    }

    [Fact]
    public void Deletes_are_pipelined_as_adds_are()
    {
        // Arrange
        var kernel = new FakeNetlinkTransport { Kernel = request => request.Header.Sequence == 2 ? (2, null) : (0, null) };
        using var client = new ReflectClient(kernel, Family, _ => throw new InvalidOperationException());

        // Act
        IReadOnlyList<NetlinkRequestFailure> failures = client.DeleteEntries(Entries(3).Select(entry => entry.Key).ToList());

        // Assert
        failures.Should().ContainSingle().Which.Index.Should().Be(1);
        Wire.ReadMessages(kernel.Sent.Single()).Select(message => Wire.ReadGeneric(message.Payload).Header.Command)
            .Should().AllBeEquivalentTo(REFLECT_CMD_DEL_ENTRY);
    }

    private static List<ReflectNewEntry> Entries(int count) =>
        Enumerable.Range(0, count).Select(i => new ReflectNewEntry(
            new ReflectEntryKey(IPAddress.Parse("192.168.50.10"), new IPAddress([10, 50, (byte)(i >> 8), (byte)i])),
            2, PhysicalAddress.Parse("02-00-00-00-00-02"))).ToList();
}
