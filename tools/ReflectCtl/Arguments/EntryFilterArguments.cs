// SPDX-License-Identifier: MIT
using System.CommandLine;
using System.Net;
using Reflect.Netlink;

namespace ReflectCtl.Arguments;

/// <summary>
/// <c>[--iface NAME_OR_INDEX] [--local ADDR] [--peer ADDR_OR_PREFIX] [--static]</c>: which
/// entries <c>entries list</c> shows and <c>entries flush</c> drops; the kernel applies them.
/// </summary>
internal sealed class EntryFilterArguments
{
    private readonly Option<ReflectInterfaceId> _iface = InterfaceArgument.CreateOption("Only the entries learned on this interface.");
    private readonly Option<IPAddress> _local = AddressArguments.CreateLocalOption("Only the entries of this local address.");
    private readonly Option<IPNetwork> _peer = AddressArguments.CreatePeerOption("Only the entries of peers in this prefix, or of this one peer.");
    private readonly Option<bool> _static = new("--static") { Description = "Only the static entries (entries add --static, apply)." };

    public void AddTo(Command command)
    {
        command.Add(_iface);
        command.Add(_local);
        command.Add(_peer);
        command.Add(_static);
    }

    /// <summary>The filter; an interface name is looked up on this host, as the kernel filters by index.</summary>
    public ReflectEntryFilter Read(ParseResult result) => new()
    {
        IfIndex = result.GetValue(_iface) is ReflectInterfaceId id ? InterfaceArgument.ToIndex(id) : null,
        Local = result.GetValue(_local),
        Peer = result.GetResult(_peer) is null ? null : result.GetValue(_peer),
        StaticOnly = result.GetValue(_static),
    };
}
