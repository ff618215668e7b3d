// SPDX-License-Identifier: MIT
using System.Net;

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

    /// <summary>REFLECT_CMD_GET_ENTRY: the learned entries, of one interface or one local address if given.</summary>
    ReflectDump<ReflectEntry> GetEntries(int? ifIndex = null, IPAddress? local = null);

    /// <summary>REFLECT_CMD_FLUSH: drops the learned entries, of one interface if given.</summary>
    void Flush(int? ifIndex = null);

    /// <summary>REFLECT_CMD_GET_LOCAL: the local addresses seen, with their counters.</summary>
    ReflectDump<ReflectLocal> GetLocals();

    /// <summary>REFLECT_CMD_ADD_SCOPE.</summary>
    void AddScope(ReflectScope scope);

    /// <summary>REFLECT_CMD_DEL_SCOPE.</summary>
    void DeleteScope(ReflectScope scope);

    /// <summary>REFLECT_CMD_GET_SCOPE.</summary>
    ReflectDump<ReflectScope> GetScopes();
}
