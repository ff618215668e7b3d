// SPDX-License-Identifier: MIT
using Reflect.Netlink;
using Reflect.Netlink.Protocol;
using static Reflect.Netlink.Protocol.NetlinkUapi;
using static Reflect.Netlink.ReflectUapi;

namespace Reflect.Tests.Unit.Netlink;

/// <summary>A request of the REFLECT family taken apart: its headers and its top-level attributes.</summary>
internal sealed record ReflectRequest(NetlinkHeader Header, GenericNetlinkHeader Generic, List<AttributeValue> Attributes)
{
    public AttributeValue Single(ushort type) => Attributes.Single(attribute => attribute.Type == type);

    public List<AttributeValue> Nested(ushort type) => Wire.ReadAttributes(Single(type).Payload);
}

/// <summary>
/// REFLECT messages for the message factories' tests: requests taken apart, and the kernel's
/// answers written as reflect.h draws them and collected as the transport collects them.
/// </summary>
internal static class ReflectWire
{
    public const ushort FamilyId = 0x1f;
    public const uint Sequence = 9;

    public static ReflectRequest Request(WriteMessages write)
    {
        MessageValue message = Wire.ReadMessages(Wire.Write(write)).Single();
        (GenericNetlinkHeader generic, List<AttributeValue> attributes) = Wire.ReadGeneric(message.Payload);
        return new ReflectRequest(message.Header, generic, attributes);
    }

    /// <summary>The answer to a do command: the replies <paramref name="write"/> writes, then the ACK.</summary>
    public static NetlinkAnswer Answer(WriteMessages write) =>
        Collect(write, (ref NetlinkMessageWriter w) =>
            KernelReplies.Error(ref w, Sequence, 0, Wire.Raw(20u, FamilyId, (ushort)0, Sequence, 0u)));

    /// <summary>The answer to a dump: the parts <paramref name="write"/> writes, then NLMSG_DONE.</summary>
    public static NetlinkAnswer DumpAnswer(WriteMessages write, bool doneInterrupted = false) =>
        Collect(write, (ref NetlinkMessageWriter w) => KernelReplies.Done(ref w, Sequence, interrupted: doneInterrupted));

    /// <summary>Starts a reply, or with <paramref name="dumpPart"/> a part of a dump (NLM_F_MULTI).</summary>
    public static void BeginReply(ref NetlinkMessageWriter w, byte command, bool dumpPart = false, bool interrupted = false)
    {
        ushort flags = (ushort)((dumpPart ? NLM_F_MULTI : 0) | (interrupted ? NLM_F_DUMP_INTR : 0));
        w.BeginMessage(FamilyId, flags, Sequence, KernelReplies.PortId);
        w.WriteGenericHeader(command, REFLECT_GENL_VERSION);
    }

    /// <summary>A REFLECT_A_STATS nest as nla_put_64bit() writes it: REFLECT_STATS_A_PAD before the u64s.</summary>
    public static void WriteStats(ref NetlinkMessageWriter w, IEnumerable<KeyValuePair<ReflectCounter, ulong>> counters)
    {
        int stats = w.BeginNested(REFLECT_A_STATS);
        w.WriteBinary(REFLECT_STATS_A_PAD, []);
        foreach ((ReflectCounter counter, ulong value) in counters)
        {
            w.WriteU64((ushort)counter, value);
        }

        w.EndNested(stats);
    }

    public static void WriteStats(ref NetlinkMessageWriter w, ReflectCounters counters) =>
        WriteStats(ref w, ReflectCounters.All.Select(counter => KeyValuePair.Create(counter, counters[counter])));

    /// <summary>A REFLECT_A_CONFIG nest with every key.</summary>
    public static void WriteConfig(ref NetlinkMessageWriter w, ReflectConfig config)
    {
        int nest = w.BeginNested(REFLECT_A_CONFIG);
        w.WriteU8(REFLECT_CONFIG_A_ENABLED, config.Enabled ? (byte)1 : (byte)0);
        w.WriteU8(REFLECT_CONFIG_A_MODE, (byte)config.Mode);
        w.WriteU32(REFLECT_CONFIG_A_IDLE_TIMEOUT, config.IdleTimeoutSeconds);
        w.WriteU32(REFLECT_CONFIG_A_MAX_ENTRIES, config.MaxEntries);
        w.WriteU32(REFLECT_CONFIG_A_RETRANS_THRESHOLD, config.RetransThreshold);
        w.WriteU32(REFLECT_CONFIG_A_CONFIRM_PACKETS, config.ConfirmPackets);
        w.WriteU32(REFLECT_CONFIG_A_CONFIRM_MS, config.ConfirmMilliseconds);
        w.WriteU32(REFLECT_CONFIG_A_MIN_MOVE_MS, config.MinMoveMilliseconds);
        w.WriteU32(REFLECT_CONFIG_A_EVICT_IDLE, config.EvictIdleSeconds);
        w.WriteU32(REFLECT_CONFIG_A_EVENT_RATE, config.EventRate);
        w.WriteU8(REFLECT_CONFIG_A_LEARN, (byte)config.Learn);
        w.WriteU8(REFLECT_CONFIG_A_OUTBOUND, config.Outbound ? (byte)1 : (byte)0);
        w.EndNested(nest);
    }

    private static NetlinkAnswer Collect(WriteMessages replies, WriteMessages end)
    {
        var collector = new NetlinkReplyCollector(Sequence);
        collector.Add(Wire.Write(replies));
        collector.Add(Wire.Write(end));
        collector.IsComplete.Should().BeTrue();
        return collector.Answer;
    }
}

/// <summary>Values the REFLECT tests share.</summary>
internal static class Samples
{
    public static readonly ReflectConfig Config = new(
        Enabled: true, Mode: ReflectMode.Peer, IdleTimeoutSeconds: 300, MaxEntries: 65536, RetransThreshold: 3,
        ConfirmPackets: 4, ConfirmMilliseconds: 200, MinMoveMilliseconds: 500, EvictIdleSeconds: 30, EventRate: 1000,
        Learn: ReflectLearn.Trusted, Outbound: true);

    /// <summary>Every counter with a distinct value: its attribute type times 10, and ENTRIES at u64's maximum.</summary>
    public static readonly ReflectCounters EveryCounter = new(ReflectCounters.All.ToDictionary(
        counter => counter, counter => counter == ReflectCounter.Entries ? ulong.MaxValue : (ulong)counter * 10));

    public static ReflectCounters Counters(params (ReflectCounter Counter, ulong Value)[] values) =>
        new(values.ToDictionary(value => value.Counter, value => value.Value));
}
