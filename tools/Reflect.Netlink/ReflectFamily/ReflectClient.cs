// SPDX-License-Identifier: MIT
using Reflect.Netlink.GenericNetlink;
using Reflect.Netlink.Protocol;
using Reflect.Netlink.ReflectFamily;
using Reflect.Netlink.Transport;

namespace Reflect.Netlink;

/// <summary>
/// Talks to reflect.ko over its generic netlink family, REFLECT. Every command acts on the
/// network namespace of the calling process. Not thread-safe: one request at a time.
/// </summary>
public sealed class ReflectClient : IDisposable
{
    /// <summary>How long <see cref="Connect"/> waits for each reply by default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private const int RequestBufferLength = 64;
    private readonly NetlinkSocket _socket;
    private readonly ushort _familyId;

    private ReflectClient(NetlinkSocket socket, ushort familyId)
    {
        _socket = socket;
        _familyId = familyId;
    }

    /// <summary>Opens a generic netlink socket and resolves the REFLECT family's id.</summary>
    /// <param name="timeout">Longest wait for each reply; <see cref="DefaultTimeout"/> if null.</param>
    /// <exception cref="GenericNetlinkFamilyNotFoundException">reflect.ko is not loaded.</exception>
    /// <exception cref="NetlinkException">The socket could not be opened or the kernel refused.</exception>
    public static ReflectClient Connect(TimeSpan? timeout = null)
    {
        NetlinkSocket socket = NetlinkSocket.OpenGeneric(timeout ?? DefaultTimeout);
        try
        {
            return new ReflectClient(socket, GenericNetlinkFamilies.Resolve(socket, ReflectUapi.REFLECT_GENL_NAME));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>REFLECT_CMD_GET_STATUS: the module version and this namespace's counters.</summary>
    /// <exception cref="NetlinkException">The kernel refused the request.</exception>
    /// <exception cref="NetlinkFormatException">The reply does not match reflect.h.</exception>
    public ReflectStatus GetStatus()
    {
        var writer = new NetlinkMessageWriter(stackalloc byte[RequestBufferLength]);
        ReflectMessages.WriteGetStatus(ref writer, _familyId, _socket.NextSequence());
        return ReflectMessages.ReadStatus(_socket.Transact(writer.Written), _familyId);
    }

    public void Dispose() => _socket.Dispose();
}
