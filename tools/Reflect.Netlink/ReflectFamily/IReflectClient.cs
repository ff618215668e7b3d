// SPDX-License-Identifier: MIT
namespace Reflect.Netlink;

/// <summary>
/// The commands of reflect.h, typed. Each acts on the network namespace of the caller; those
/// that change state need CAP_NET_ADMIN there. <see cref="ReflectClient"/> sends them to the
/// kernel; the interface lets a tool's tests stand in for the module, which a build host never loads.
/// </summary>
/// <remarks>
/// Every method throws <see cref="NetlinkException"/> when the kernel refuses (its
/// <see cref="NetlinkException.ExtendedAckMessage"/> says why) and
/// <see cref="NetlinkFormatException"/> when a reply does not match reflect.h. The dumps
/// return a <see cref="ReflectDump{T}"/> whose <see cref="ReflectDump{T}.Interrupted"/> tells
/// that the kernel's data changed while it was dumped; they do not retry on their own.
/// </remarks>
public interface IReflectClient : IDisposable
{
    /// <summary>REFLECT_CMD_GET_STATUS: module version, counters and configuration.</summary>
    ReflectStatus GetStatus();

    /// <summary>REFLECT_CMD_GET_CONFIG.</summary>
    ReflectConfig GetConfig();

    /// <summary>REFLECT_CMD_SET_CONFIG: changes what <paramref name="change"/> sets, nothing else.</summary>
    void SetConfig(ReflectConfigChange change);

    /// <summary>REFLECT_CMD_ADD_IFACE: learn on this interface.</summary>
    void AddInterface(ReflectInterfaceId id);

    /// <summary>REFLECT_CMD_DEL_IFACE: stop learning on this interface and drop its entries.</summary>
    void DeleteInterface(ReflectInterfaceId id);

    /// <summary>REFLECT_CMD_GET_IFACE: the enabled interfaces with their counters.</summary>
    ReflectDump<ReflectInterface> GetInterfaces();

    /// <summary>REFLECT_CMD_GET_ENTRY: the entries <paramref name="filter"/> matches, every one if null.</summary>
    ReflectDump<ReflectEntry> GetEntries(ReflectEntryFilter? filter = null);

    /// <summary>REFLECT_CMD_FLUSH: drops the entries <paramref name="filter"/> matches, every one (static too) if null.</summary>
    void Flush(ReflectEntryFilter? filter = null);

    /// <summary>
    /// REFLECT_CMD_ADD_ENTRY: puts an entry in the table; an entry of its key is an error
    /// (EEXIST) unless <paramref name="replace"/> (REFLECT_A_REPLACE), which replaces its next hop and flags.
    /// </summary>
    void AddEntry(ReflectNewEntry entry, bool replace = false);

    /// <summary>
    /// REFLECT_CMD_ADD_ENTRY for each of <paramref name="entries"/>, pipelined many to a
    /// datagram: a refusal does not stop the others. Returns the refused ones, by position.
    /// </summary>
    IReadOnlyList<NetlinkRequestFailure> AddEntries(IReadOnlyList<ReflectNewEntry> entries, bool replace = false);

    /// <summary>REFLECT_CMD_DEL_ENTRY: drops the entry of this key; ENOENT if there is none.</summary>
    void DeleteEntry(ReflectEntryKey key);

    /// <summary>REFLECT_CMD_DEL_ENTRY for each key, pipelined as <see cref="AddEntries"/>; returns the refused ones.</summary>
    IReadOnlyList<NetlinkRequestFailure> DeleteEntries(IReadOnlyList<ReflectEntryKey> keys);

    /// <summary>REFLECT_CMD_GET_LOCAL: the local addresses seen, with their counters.</summary>
    ReflectDump<ReflectLocal> GetLocals();

    /// <summary>REFLECT_CMD_ADD_SCOPE.</summary>
    void AddScope(ReflectScope scope);

    /// <summary>REFLECT_CMD_DEL_SCOPE.</summary>
    void DeleteScope(ReflectScope scope);

    /// <summary>REFLECT_CMD_GET_SCOPE.</summary>
    ReflectDump<ReflectScope> GetScopes();

    /// <summary>REFLECT_CMD_ADD_NEXTHOP: names a trusted next hop.</summary>
    void AddNextHop(ReflectNextHop nextHop);

    /// <summary>REFLECT_CMD_DEL_NEXTHOP.</summary>
    void DeleteNextHop(ReflectNextHop nextHop);

    /// <summary>REFLECT_CMD_GET_NEXTHOP: the named next hops.</summary>
    ReflectDump<ReflectNextHop> GetNextHops();

    /// <summary>
    /// REFLECT_CMD_EVENT: joins the multicast group REFLECT_GENL_MCGRP_EVENTS at once, on a
    /// socket of its own, and returns what arrives there, in order, as it is enumerated, until
    /// <paramref name="timeout"/> passes (never if null) or <paramref name="cancellationToken"/>
    /// is cancelled; then the sequence ends. Events lost to a slow reader (ENOBUFS) come as a
    /// <see cref="ReflectEventsOverrun"/>, not an exception. The socket closes when the
    /// enumeration ends.
    /// </summary>
    IEnumerable<ReflectNotification> ReadEvents(TimeSpan? timeout = null, CancellationToken cancellationToken = default);
}
