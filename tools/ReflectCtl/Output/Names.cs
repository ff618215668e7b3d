// SPDX-License-Identifier: MIT
using System.Collections.Frozen;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Reflect.Netlink;

namespace ReflectCtl.Output;

/// <summary>How values read in JSON and text alike: counter keys, entry flags, addresses.</summary>
internal static class Names
{
    private static readonly FrozenDictionary<ReflectCounter, string> CounterNames =
        ReflectCounters.All.ToFrozenDictionary(counter => counter, counter => SnakeCase(counter.ToString()));

    /// <summary>The counter's key: its REFLECT_STATS_A_ name in lower case, e.g. "reflected_packets".</summary>
    public static string Of(ReflectCounter counter) => CounterNames[counter];

    /// <summary>"inet" or "inet6", as ip(8) names them.</summary>
    public static string Of(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? "inet6" : "inet";

    public static string Of(ReflectMode mode) => mode switch
    {
        ReflectMode.Peer => "peer",
        ReflectMode.Flow => "flow",
        _ => Number((uint)mode),
    };

    public static string Of(ReflectScopeAction action) => action switch
    {
        ReflectScopeAction.Include => "include",
        ReflectScopeAction.Exclude => "exclude",
        _ => Number((uint)action),
    };

    /// <summary>"static", "stale", and a bit a later module adds as "0x4".</summary>
    public static IEnumerable<string> Of(ReflectEntryFlags flags)
    {
        for (int bit = 0; bit < 32; bit++)
        {
            var flag = (ReflectEntryFlags)(1u << bit);
            if (flags.HasFlag(flag))
            {
                yield return flag switch
                {
                    ReflectEntryFlags.Static => "static",
                    ReflectEntryFlags.Stale => "stale",
                    _ => $"0x{(uint)flag:x}",
                };
            }
        }
    }

    /// <summary>Colon-separated lower-case hex, e.g. "02:00:00:00:00:02".</summary>
    public static string Of(PhysicalAddress address) =>
        string.Join(':', address.GetAddressBytes().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    /// <summary>"tcp", "udp", "sctp", or the protocol number.</summary>
    public static string OfProtocol(byte protocol) => (ProtocolType)protocol switch
    {
        ProtocolType.Tcp => "tcp",
        ProtocolType.Udp => "udp",
        (ProtocolType)132 => "sctp",
        _ => Number(protocol),
    };

    /// <summary>"192.168.50.10", or with a port "192.168.50.10:3260" and "[fd50::10]:3260".</summary>
    public static string OfEndpoint(IPAddress address, ushort? port) =>
        port is ushort p ? new IPEndPoint(address, p).ToString() : address.ToString();

    public static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static string SnakeCase(string pascalCase) =>
        string.Concat(pascalCase.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
