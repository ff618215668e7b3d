// SPDX-License-Identifier: MIT
using Reflect.Netlink.GenericNetlink;
using Reflect.Netlink.Protocol;
using Reflect.Netlink.ReflectFamily;
using Reflect.Netlink.Transport;
using static Reflect.Netlink.ReflectUapi;

namespace Reflect.Netlink;

/// <summary>
/// Talks to reflect.ko over its generic netlink family, REFLECT: each method writes a request
/// with the message factories of ReflectFamily/Messages, sends it, and reads the answer with
/// them. Not thread-safe: one request at a time. Events arrive on a socket of their own.
/// </summary>
public sealed class ReflectClient : IReflectClient
{
    /// <summary>How long <see cref="Connect"/> waits for each reply by default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    // The largest request, SET_CONFIG with every attribute, takes 104 bytes.
    private const int RequestBufferLength = 256;
    private readonly INetlinkTransport _transport;
    private readonly GenericNetlinkFamily _family;
    private readonly Func<uint, INetlinkTransport> _openListener;

    /// <param name="transport">Where requests go.</param>
    /// <param name="family">REFLECT as nlctrl resolved it.</param>
    /// <param name="openListener">Opens a socket that joined the multicast group of the id given.</param>
    internal ReflectClient(INetlinkTransport transport, GenericNetlinkFamily family, Func<uint, INetlinkTransport> openListener)
    {
        _transport = transport;
        _family = family;
        _openListener = openListener;
    }

    private delegate void WriteRequest(ref NetlinkMessageWriter writer, ushort familyId, uint sequence);

    /// <summary>Opens a generic netlink socket and resolves the REFLECT family's id and multicast groups.</summary>
    /// <param name="timeout">Longest wait for each reply; <see cref="DefaultTimeout"/> if null.</param>
    /// <exception cref="GenericNetlinkFamilyNotFoundException">reflect.ko is not loaded.</exception>
    /// <exception cref="NetlinkException">The socket could not be opened or the kernel refused.</exception>
    public static ReflectClient Connect(TimeSpan? timeout = null)
    {
        NetlinkSocket socket = NetlinkSocket.OpenGeneric(timeout ?? DefaultTimeout);
        try
        {
            return new ReflectClient(socket, GenericNetlinkFamilies.Resolve(socket, REFLECT_GENL_NAME), OpenListener);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public ReflectStatus GetStatus() =>
        ConfigMessages.ReadStatus(Transact(ConfigMessages.WriteGetStatus), _family.Id);

    public ReflectConfig GetConfig() =>
        ConfigMessages.ReadConfig(Transact(ConfigMessages.WriteGetConfig), _family.Id);

    public void SetConfig(ReflectConfigChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Transact((ref NetlinkMessageWriter w, ushort familyId, uint sequence) =>
            ConfigMessages.WriteSetConfig(ref w, familyId, sequence, change));
    }

    public void AddInterface(ReflectInterfaceId id) => ChangeInterface(REFLECT_CMD_ADD_IFACE, id);

    public void DeleteInterface(ReflectInterfaceId id) => ChangeInterface(REFLECT_CMD_DEL_IFACE, id);

    public ReflectDump<ReflectInterface> GetInterfaces() =>
        InterfaceMessages.ReadInterfaces(Transact(InterfaceMessages.WriteGetInterfaces), _family.Id);

    public ReflectDump<ReflectEntry> GetEntries(ReflectEntryFilter? filter = null) =>
        EntryMessages.ReadEntries(Transact((ref NetlinkMessageWriter w, ushort familyId, uint sequence) =>
            EntryMessages.WriteGetEntries(ref w, familyId, sequence, filter ?? ReflectEntryFilter.None)), _family.Id);

    public void Flush(ReflectEntryFilter? filter = null) =>
        Transact((ref NetlinkMessageWriter w, ushort familyId, uint sequence) =>
            EntryMessages.WriteFlush(ref w, familyId, sequence, filter ?? ReflectEntryFilter.None));

    public void AddEntry(ReflectNewEntry entry, bool replace = false) => ThrowFirst(AddEntries([entry], replace));

    public IReadOnlyList<NetlinkRequestFailure> AddEntries(IReadOnlyList<ReflectNewEntry> entries, bool replace = false)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return _transport.Pipeline(entries.Count, EntryMessages.MaxAddEntryLength,
            (ref NetlinkMessageWriter w, int index, uint sequence, bool ack) =>
                EntryMessages.WriteAddEntry(ref w, _family.Id, sequence, entries[index], replace, ack));
    }

    public void DeleteEntry(ReflectEntryKey key) => ThrowFirst(DeleteEntries([key]));

    public IReadOnlyList<NetlinkRequestFailure> DeleteEntries(IReadOnlyList<ReflectEntryKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return _transport.Pipeline(keys.Count, EntryMessages.MaxDeleteEntryLength,
            (ref NetlinkMessageWriter w, int index, uint sequence, bool ack) =>
                EntryMessages.WriteDeleteEntry(ref w, _family.Id, sequence, keys[index], ack));
    }

    public ReflectDump<ReflectLocal> GetLocals() =>
        EntryMessages.ReadLocals(Transact(EntryMessages.WriteGetLocals), _family.Id);

    public void AddScope(ReflectScope scope) => ChangeScope(REFLECT_CMD_ADD_SCOPE, scope);

    public void DeleteScope(ReflectScope scope) => ChangeScope(REFLECT_CMD_DEL_SCOPE, scope);

    public ReflectDump<ReflectScope> GetScopes() =>
        ScopeMessages.ReadScopes(Transact(ScopeMessages.WriteGetScopes), _family.Id);

    public void AddNextHop(ReflectNextHop nextHop) => ChangeNextHop(REFLECT_CMD_ADD_NEXTHOP, nextHop);

    public void DeleteNextHop(ReflectNextHop nextHop) => ChangeNextHop(REFLECT_CMD_DEL_NEXTHOP, nextHop);

    public ReflectDump<ReflectNextHop> GetNextHops() =>
        NextHopMessages.ReadNextHops(Transact(NextHopMessages.WriteGetNextHops), _family.Id);

    public IEnumerable<ReflectNotification> ReadEvents(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        // Joined here, not on the first MoveNext, so that nothing after this call is missed.
        INetlinkTransport listener = _openListener(_family.MulticastGroup(REFLECT_GENL_MCGRP_EVENTS));
        return ReflectEventReader.Read(listener, _family.Id, timeout, cancellationToken);
    }

    public void Dispose() => _transport.Dispose();

    private static NetlinkSocket OpenListener(uint groupId)
    {
        NetlinkSocket socket = NetlinkSocket.OpenGeneric(ReflectEventReader.PollInterval);
        try
        {
            socket.JoinGroup(groupId);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static void ThrowFirst(IReadOnlyList<NetlinkRequestFailure> failures)
    {
        if (failures.Count > 0)
        {
            throw failures[0].Error;
        }
    }

    private void ChangeInterface(byte command, ReflectInterfaceId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        Transact((ref NetlinkMessageWriter w, ushort familyId, uint sequence) =>
            InterfaceMessages.WriteChange(ref w, familyId, sequence, command, id));
    }

    private void ChangeScope(byte command, ReflectScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        Transact((ref NetlinkMessageWriter w, ushort familyId, uint sequence) =>
            ScopeMessages.WriteChange(ref w, familyId, sequence, command, scope));
    }

    private void ChangeNextHop(byte command, ReflectNextHop nextHop)
    {
        ArgumentNullException.ThrowIfNull(nextHop);
        Transact((ref NetlinkMessageWriter w, ushort familyId, uint sequence) =>
            NextHopMessages.WriteChange(ref w, familyId, sequence, command, nextHop));
    }

    /// <summary>Sends one request and returns the whole answer; a do command's ACK carries no reply.</summary>
    private NetlinkAnswer Transact(WriteRequest write)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[RequestBufferLength]);
        write(ref writer, _family.Id, _transport.NextSequence());
        return _transport.Transact(writer.Written);
    }
}
