// SPDX-License-Identifier: MIT
namespace Reflect.Netlink;

/// <summary>enum reflect_mode: what an entry is keyed by.</summary>
public enum ReflectMode : byte
{
    /// <summary>REFLECT_MODE_PEER: local address and peer address.</summary>
    Peer = ReflectUapi.REFLECT_MODE_PEER,

    /// <summary>REFLECT_MODE_FLOW: addresses, protocol and ports.</summary>
    Flow = ReflectUapi.REFLECT_MODE_FLOW,
}

/// <summary>enum reflect_learn: which next hops a peer may be learned through.</summary>
public enum ReflectLearn : byte
{
    /// <summary>REFLECT_LEARN_TRUSTED: an on-link peer's own MAC address, or a trusted router (the default).</summary>
    Trusted = ReflectUapi.REFLECT_LEARN_TRUSTED,

    /// <summary>REFLECT_LEARN_ANY: any MAC address, which lets a host forging a quiet peer's address take its replies.</summary>
    Any = ReflectUapi.REFLECT_LEARN_ANY,
}

/// <summary>A namespace's REFLECT_A_CONFIG, every REFLECT_CONFIG_A_* present; reflect.h gives the ranges.</summary>
/// <param name="Enabled">REFLECT_CONFIG_A_ENABLED: the global switch.</param>
/// <param name="Mode">REFLECT_CONFIG_A_MODE.</param>
/// <param name="IdleTimeoutSeconds">REFLECT_CONFIG_A_IDLE_TIMEOUT: how long an entry lives without traffic.</param>
/// <param name="MaxEntries">REFLECT_CONFIG_A_MAX_ENTRIES: the table limit.</param>
/// <param name="RetransThreshold">REFLECT_CONFIG_A_RETRANS_THRESHOLD: consecutive TCP retransmissions from which a socket's packets are routed; 0 disables the check.</param>
/// <param name="ConfirmPackets">REFLECT_CONFIG_A_CONFIRM_PACKETS: packets a new next hop must carry before an entry moves to it.</param>
/// <param name="ConfirmMilliseconds">REFLECT_CONFIG_A_CONFIRM_MS: ... over at least this long.</param>
/// <param name="MinMoveMilliseconds">REFLECT_CONFIG_A_MIN_MOVE_MS: an entry moves at most once in this interval.</param>
/// <param name="EvictIdleSeconds">REFLECT_CONFIG_A_EVICT_IDLE: idle time after which a full table may evict an entry.</param>
/// <param name="EventRate">REFLECT_CONFIG_A_EVENT_RATE: events announced per second at most; 0 announces none.</param>
/// <param name="Learn">REFLECT_CONFIG_A_LEARN: which next hops teach.</param>
/// <param name="Outbound">REFLECT_CONFIG_A_OUTBOUND: whether flows this host opens are reflected too.</param>
public sealed record ReflectConfig(
    bool Enabled,
    ReflectMode Mode,
    uint IdleTimeoutSeconds,
    uint MaxEntries,
    uint RetransThreshold,
    uint ConfirmPackets,
    uint ConfirmMilliseconds,
    uint MinMoveMilliseconds,
    uint EvictIdleSeconds,
    uint EventRate,
    ReflectLearn Learn = ReflectLearn.Trusted,
    bool Outbound = true);

/// <summary>
/// What REFLECT_CMD_SET_CONFIG changes: the properties that are set; the others keep their
/// value in the kernel. Properties mean what <see cref="ReflectConfig"/>'s do. Changing
/// <see cref="Mode"/> flushes the learned entries.
/// </summary>
public sealed record ReflectConfigChange
{
    public bool? Enabled { get; init; }

    public ReflectMode? Mode { get; init; }

    public uint? IdleTimeoutSeconds { get; init; }

    public uint? MaxEntries { get; init; }

    public uint? RetransThreshold { get; init; }

    public uint? ConfirmPackets { get; init; }

    public uint? ConfirmMilliseconds { get; init; }

    public uint? MinMoveMilliseconds { get; init; }

    public uint? EvictIdleSeconds { get; init; }

    public uint? EventRate { get; init; }

    public ReflectLearn? Learn { get; init; }

    public bool? Outbound { get; init; }

    /// <summary>What <paramref name="config"/> becomes once the kernel takes this change.</summary>
    public ReflectConfig ApplyTo(ReflectConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new ReflectConfig(
            Enabled ?? config.Enabled,
            Mode ?? config.Mode,
            IdleTimeoutSeconds ?? config.IdleTimeoutSeconds,
            MaxEntries ?? config.MaxEntries,
            RetransThreshold ?? config.RetransThreshold,
            ConfirmPackets ?? config.ConfirmPackets,
            ConfirmMilliseconds ?? config.ConfirmMilliseconds,
            MinMoveMilliseconds ?? config.MinMoveMilliseconds,
            EvictIdleSeconds ?? config.EvictIdleSeconds,
            EventRate ?? config.EventRate,
            Learn ?? config.Learn,
            Outbound ?? config.Outbound);
    }
}
