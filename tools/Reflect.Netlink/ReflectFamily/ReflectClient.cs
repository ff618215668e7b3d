// SPDX-License-Identifier: MIT
using System.Net;
using Reflect.Netlink.GenericNetlink;
using Reflect.Netlink.Protocol;
using Reflect.Netlink.ReflectFamily;
using Reflect.Netlink.Transport;
using static Reflect.Netlink.ReflectUapi;

namespace Reflect.Netlink;

/// <summary>
/// Talks to reflect.ko over its generic netlink family, REFLECT: each method writes a request
/// with the message factories of ReflectFamily/Messages, sends it, and reads the answer with
/// them. Not thread-safe: one request at a time.
/// </summary>
public sealed class ReflectClient : IReflectClient
{
    /// <summary>How long <see cref="Connect"/> waits for each reply by default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    // The largest request, SET_CONFIG with every attribute, takes 96 bytes.
    private const int RequestBufferLength = 256;
    private readonly NetlinkSocket _socket;
    private readonly ushort _familyId;

    private ReflectClient(NetlinkSocket socket, ushort familyId)
    {
        _socket = socket;
        _familyId = familyId;
    }

    private delegate void WriteRequest(ref NetlinkMessageWriter writer, ushort familyId, uint sequence);

    /// <summary>Opens a generic netlink socket and resolves the REFLECT family's id.</summary>
    /// <param name="timeout">Longest wait for each reply; <see cref="DefaultTimeout"/> if null.</param>
    /// <exception cref="GenericNetlinkFamilyNotFoundException">reflect.ko is not loaded.</exception>
    /// <exception cref="NetlinkException">The socket could not be opened or the kernel refused.</exception>
    public static ReflectClient Connect(TimeSpan? timeout = null)
    {
        NetlinkSocket socket = NetlinkSocket.OpenGeneric(timeout ?? DefaultTimeout);
        try
        {
            return new ReflectClient(socket, GenericNetlinkFamilies.Resolve(socket, REFLECT_GENL_NAME));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public ReflectStatus GetStatus() =>
        ConfigMessages.ReadStatus(Transact(ConfigMessages.WriteGetStatus), _familyId);

    public ReflectConfig GetConfig() =>
        ConfigMessages.ReadConfig(Transact(ConfigMessages.WriteGetConfig), _familyId);

    public void SetConfig(ReflectConfigChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Transact((ref NetlinkMessageWriter w, ushort familyId, uint sequence) =>
            ConfigMessages.WriteSetConfig(ref w, familyId, sequence, change));
    }

    public void AddInterface(ReflectInterfaceId id) => ChangeInterface(REFLECT_CMD_ADD_IFACE, id);

    public void DeleteInterface(ReflectInterfaceId id) => ChangeInterface(REFLECT_CMD_DEL_IFACE, id);

    public ReflectDump<ReflectInterface> GetInterfaces() =>
        InterfaceMessages.ReadInterfaces(Transact(InterfaceMessages.WriteGetInterfaces), _familyId);

    public ReflectDump<ReflectEntry> GetEntries(int? ifIndex = null, IPAddress? local = null) =>
        EntryMessages.ReadEntries(Transact((ref NetlinkMessageWriter w, ushort familyId, uint sequence) =>
            EntryMessages.WriteGetEntries(ref w, familyId, sequence, ifIndex, local)), _familyId);

    public void Flush(int? ifIndex = null) =>
        Transact((ref NetlinkMessageWriter w, ushort familyId, uint sequence) =>
            EntryMessages.WriteFlush(ref w, familyId, sequence, ifIndex));

    public ReflectDump<ReflectLocal> GetLocals() =>
        EntryMessages.ReadLocals(Transact(EntryMessages.WriteGetLocals), _familyId);

    public void AddScope(ReflectScope scope) => ChangeScope(REFLECT_CMD_ADD_SCOPE, scope);

    public void DeleteScope(ReflectScope scope) => ChangeScope(REFLECT_CMD_DEL_SCOPE, scope);

    public ReflectDump<ReflectScope> GetScopes() =>
        ScopeMessages.ReadScopes(Transact(ScopeMessages.WriteGetScopes), _familyId);

    public void Dispose() => _socket.Dispose();

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

    /// <summary>Sends one request and returns the whole answer; a do command's ACK carries no reply.</summary>
    private NetlinkAnswer Transact(WriteRequest write)
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[RequestBufferLength]);
        write(ref writer, _familyId, _socket.NextSequence());
        return _socket.Transact(writer.Written);
    }
}
