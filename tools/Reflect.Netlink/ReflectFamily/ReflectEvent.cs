// SPDX-License-Identifier: MIT
namespace Reflect.Netlink;

/// <summary>enum reflect_event: what happened to an entry.</summary>
public enum ReflectEventType : byte
{
    /// <summary>REFLECT_EVENT_LEARN: a new entry learned.</summary>
    Learn = ReflectUapi.REFLECT_EVENT_LEARN,

    /// <summary>REFLECT_EVENT_MOVE: an entry moved to a new next hop.</summary>
    Move = ReflectUapi.REFLECT_EVENT_MOVE,

    /// <summary>REFLECT_EVENT_FLAP: a move refused, the entry moved too recently.</summary>
    Flap = ReflectUapi.REFLECT_EVENT_FLAP,

    /// <summary>REFLECT_EVENT_EXPIRE: an entry aged out.</summary>
    Expire = ReflectUapi.REFLECT_EVENT_EXPIRE,

    /// <summary>REFLECT_EVENT_EVICT: an idle entry evicted from a full table.</summary>
    Evict = ReflectUapi.REFLECT_EVENT_EVICT,

    /// <summary>REFLECT_EVENT_UNTRUSTED: a packet not learned from, its next hop not trusted.</summary>
    Untrusted = ReflectUapi.REFLECT_EVENT_UNTRUSTED,

    /// <summary>REFLECT_EVENT_HOLD: a packet from another next hop than its entry's, held back.</summary>
    Hold = ReflectUapi.REFLECT_EVENT_HOLD,
}

/// <summary>What an event listener receives: a <see cref="ReflectEvent"/>, or a <see cref="ReflectEventsOverrun"/>.</summary>
public abstract record ReflectNotification;

/// <summary>A REFLECT_CMD_EVENT notification.</summary>
/// <param name="Type">REFLECT_A_EVENT. A type a later module adds keeps its number.</param>
/// <param name="Entry">
/// REFLECT_A_ENTRY, as GET_ENTRY lists it: for a move its new next hop, for a flap the one it
/// keeps; for untrusted and hold the key and the next hop refused, with zero counters.
/// </param>
/// <param name="EventsLost">
/// REFLECT_A_EVENTS_LOST: events of the namespace the kernel did not announce since the
/// previous one (rate limit or no memory); 0 when it sent none.
/// </param>
public sealed record ReflectEvent(ReflectEventType Type, ReflectEntry Entry, uint EventsLost) : ReflectNotification;

/// <summary>
/// The listener read too slowly: its socket's receive buffer overran (ENOBUFS) and the kernel
/// dropped an unknown number of events. The listener goes on with those that follow.
/// </summary>
public sealed record ReflectEventsOverrun : ReflectNotification
{
    public static ReflectEventsOverrun Instance { get; } = new();
}
