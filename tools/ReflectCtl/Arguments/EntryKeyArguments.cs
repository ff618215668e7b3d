// SPDX-License-Identifier: MIT
using System.CommandLine;
using System.Net;
using Reflect.Netlink;

namespace ReflectCtl.Arguments;

/// <summary>
/// <c>PEER --local ADDR [--proto PROTO --local-port PORT --peer-port PORT]</c>: the key of
/// <c>entries add</c> and <c>entries del</c>, with the flow part all or nothing.
/// </summary>
internal sealed class EntryKeyArguments
{
    private readonly Argument<IPAddress> _peer = AddressArguments.CreatePeer("The peer's address: the client the entry reflects to.");
    private readonly Option<IPAddress> _local = AddressArguments.CreateLocalOption("The local address the peer talks to.");
    private readonly Option<byte> _protocol = FlowArguments.CreateProtocolOption("In flow mode, the flow's IP protocol; with both ports.");
    private readonly Option<ushort> _localPort = FlowArguments.CreatePortOption("--local-port", "In flow mode, the flow's local port.");
    private readonly Option<ushort> _peerPort = FlowArguments.CreatePortOption("--peer-port", "In flow mode, the flow's peer port.");

    public EntryKeyArguments() => _local.Required = true;

    /// <summary>Adds the argument and options to <paramref name="command"/>, with the checks that join them.</summary>
    public void AddTo(Command command)
    {
        command.Add(_peer);
        command.Add(_local);
        command.Add(_protocol);
        command.Add(_localPort);
        command.Add(_peerPort);
        command.Validators.Add(result =>
        {
            int flowParts = new Option[] { _protocol, _localPort, _peerPort }.Count(option => result.GetResult(option) is not null);
            if (flowParts is not (0 or 3))
            {
                result.AddError($"{command.Name}: --proto, --local-port and --peer-port go together: a flow key has all three");
            }
        });
    }

    /// <exception cref="UsageException">The peer and the local address are of different families.</exception>
    public ReflectEntryKey Read(ParseResult result)
    {
        IPAddress peer = result.GetRequiredValue(_peer);
        IPAddress local = result.GetRequiredValue(_local);
        if (peer.AddressFamily != local.AddressFamily)
        {
            throw new UsageException($"the peer {peer} and the local address {local} are of different families");
        }

        return new ReflectEntryKey(local, peer, result.GetResult(_protocol) is null ? null
            : new ReflectFlow(result.GetValue(_protocol), result.GetValue(_localPort), result.GetValue(_peerPort)));
    }
}
