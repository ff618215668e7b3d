// SPDX-License-Identifier: MIT
using Reflect.Netlink.Protocol;
using static Reflect.Netlink.ReflectUapi;

namespace Reflect.Netlink.ReflectFamily;

/// <summary>REFLECT_CMD_GET_STATUS, REFLECT_CMD_GET_CONFIG and REFLECT_CMD_SET_CONFIG.</summary>
internal static class ConfigMessages
{
    /*
        REFLECT_CMD_GET_STATUS request (do)
        genlmsghdr  REFLECT_CMD_GET_STATUS
        (no attributes)
    */
    public static void WriteGetStatus(ref NetlinkMessageWriter writer, ushort familyId, uint sequence) =>
        ReflectMessages.WriteBare(ref writer, familyId, sequence, REFLECT_CMD_GET_STATUS, dump: false);

    /*
        REFLECT_CMD_GET_STATUS reply
        nlattr      REFLECT_A_VERSION            string
        nlattr      REFLECT_A_STATS              nest of u64 (CounterAttributes.cs); the four hook
                                                 counters have been in it since the first module
        nlattr      REFLECT_A_CONFIG             nest, as in the GET_CONFIG reply
    */
    public static ReflectStatus ReadStatus(NetlinkAnswer answer, ushort familyId)
    {
        NetlinkAttributeTable reply = ReflectMessages.ReadSingle(answer, familyId, nameof(REFLECT_CMD_GET_STATUS));
        string version = reply.Required(REFLECT_A_VERSION).GetString();
        NetlinkAttributeTable stats = reply.RequiredNested(REFLECT_A_STATS, REFLECT_STATS_A_MAX);
        _ = stats.Required(REFLECT_STATS_A_PRE_IPV4);
        _ = stats.Required(REFLECT_STATS_A_PRE_IPV6);
        _ = stats.Required(REFLECT_STATS_A_OUT_IPV4);
        _ = stats.Required(REFLECT_STATS_A_OUT_IPV6);
        return new ReflectStatus(version, CounterAttributes.ReadNest(stats), ReadConfig(reply));
    }

    /*
        REFLECT_CMD_GET_CONFIG request (do)
        genlmsghdr  REFLECT_CMD_GET_CONFIG
        (no attributes)
    */
    public static void WriteGetConfig(ref NetlinkMessageWriter writer, ushort familyId, uint sequence) =>
        ReflectMessages.WriteBare(ref writer, familyId, sequence, REFLECT_CMD_GET_CONFIG, dump: false);

    /*
        REFLECT_CMD_GET_CONFIG reply
        nlattr      REFLECT_A_CONFIG                      nest, every one of:
          nlattr      REFLECT_CONFIG_A_ENABLED            u8   0 or 1
          nlattr      REFLECT_CONFIG_A_MODE               u8   enum reflect_mode
          nlattr      REFLECT_CONFIG_A_IDLE_TIMEOUT       u32  seconds
          nlattr      REFLECT_CONFIG_A_MAX_ENTRIES        u32
          nlattr      REFLECT_CONFIG_A_RETRANS_THRESHOLD  u32
          nlattr      REFLECT_CONFIG_A_CONFIRM_PACKETS    u32
          nlattr      REFLECT_CONFIG_A_CONFIRM_MS         u32
          nlattr      REFLECT_CONFIG_A_MIN_MOVE_MS        u32
          nlattr      REFLECT_CONFIG_A_EVICT_IDLE         u32  seconds
          nlattr      REFLECT_CONFIG_A_EVENT_RATE         u32  events per second
          nlattr      REFLECT_CONFIG_A_LEARN              u8   enum reflect_learn
          nlattr      REFLECT_CONFIG_A_OUTBOUND           u8   0 or 1
    */
    public static ReflectConfig ReadConfig(NetlinkAnswer answer, ushort familyId) =>
        ReadConfig(ReflectMessages.ReadSingle(answer, familyId, nameof(REFLECT_CMD_GET_CONFIG)));

    /*
        REFLECT_CMD_SET_CONFIG request (do, admin)
        genlmsghdr  REFLECT_CMD_SET_CONFIG
        nlattr      REFLECT_A_CONFIG      nest, as in the GET_CONFIG reply but only what changes
    */
    public static void WriteSetConfig(ref NetlinkMessageWriter writer, ushort familyId, uint sequence, ReflectConfigChange change)
    {
        ReflectMessages.Begin(ref writer, familyId, sequence, REFLECT_CMD_SET_CONFIG, dump: false);
        int config = writer.BeginNested(REFLECT_A_CONFIG);
        if (change.Enabled is bool enabled)
        {
            writer.WriteU8(REFLECT_CONFIG_A_ENABLED, enabled ? (byte)1 : (byte)0);
        }

        if (change.Mode is ReflectMode mode)
        {
            writer.WriteU8(REFLECT_CONFIG_A_MODE, (byte)mode);
        }

        WriteIfSet(ref writer, REFLECT_CONFIG_A_IDLE_TIMEOUT, change.IdleTimeoutSeconds);
        WriteIfSet(ref writer, REFLECT_CONFIG_A_MAX_ENTRIES, change.MaxEntries);
        WriteIfSet(ref writer, REFLECT_CONFIG_A_RETRANS_THRESHOLD, change.RetransThreshold);
        WriteIfSet(ref writer, REFLECT_CONFIG_A_CONFIRM_PACKETS, change.ConfirmPackets);
        WriteIfSet(ref writer, REFLECT_CONFIG_A_CONFIRM_MS, change.ConfirmMilliseconds);
        WriteIfSet(ref writer, REFLECT_CONFIG_A_MIN_MOVE_MS, change.MinMoveMilliseconds);
        WriteIfSet(ref writer, REFLECT_CONFIG_A_EVICT_IDLE, change.EvictIdleSeconds);
        WriteIfSet(ref writer, REFLECT_CONFIG_A_EVENT_RATE, change.EventRate);
        if (change.Learn is ReflectLearn learn)
        {
            writer.WriteU8(REFLECT_CONFIG_A_LEARN, (byte)learn);
        }

        if (change.Outbound is bool outbound)
        {
            writer.WriteU8(REFLECT_CONFIG_A_OUTBOUND, outbound ? (byte)1 : (byte)0);
        }

        writer.EndNested(config);
        writer.EndMessage();
    }

    private static ReflectConfig ReadConfig(NetlinkAttributeTable reply)
    {
        NetlinkAttributeTable config = reply.RequiredNested(REFLECT_A_CONFIG, REFLECT_CONFIG_A_MAX);
        return new ReflectConfig(
            Enabled: config.Required(REFLECT_CONFIG_A_ENABLED).GetU8() != 0,
            Mode: (ReflectMode)config.Required(REFLECT_CONFIG_A_MODE).GetU8(),
            IdleTimeoutSeconds: config.Required(REFLECT_CONFIG_A_IDLE_TIMEOUT).GetU32(),
            MaxEntries: config.Required(REFLECT_CONFIG_A_MAX_ENTRIES).GetU32(),
            RetransThreshold: config.Required(REFLECT_CONFIG_A_RETRANS_THRESHOLD).GetU32(),
            ConfirmPackets: config.Required(REFLECT_CONFIG_A_CONFIRM_PACKETS).GetU32(),
            ConfirmMilliseconds: config.Required(REFLECT_CONFIG_A_CONFIRM_MS).GetU32(),
            MinMoveMilliseconds: config.Required(REFLECT_CONFIG_A_MIN_MOVE_MS).GetU32(),
            EvictIdleSeconds: config.Required(REFLECT_CONFIG_A_EVICT_IDLE).GetU32(),
            EventRate: config.Required(REFLECT_CONFIG_A_EVENT_RATE).GetU32(),
            Learn: (ReflectLearn)config.Required(REFLECT_CONFIG_A_LEARN).GetU8(),
            Outbound: config.Required(REFLECT_CONFIG_A_OUTBOUND).GetU8() != 0);
    }

    private static void WriteIfSet(ref NetlinkMessageWriter writer, ushort type, uint? value)
    {
        if (value is uint set)
        {
            writer.WriteU32(type, set);
        }
    }
}
