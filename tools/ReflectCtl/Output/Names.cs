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

    // The IP protocols a storage appliance's flows use, by name; others go by number.
    private static readonly FrozenDictionary<byte, string> ProtocolNames = new Dictionary<byte, string>
    {
        [(byte)ProtocolType.Tcp] = "tcp",
        [(byte)ProtocolType.Udp] = "udp",
        [132] = "sctp",
    }.ToFrozenDictionary();

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

    public static string Of(ReflectLearn learn) => learn switch
    {
        ReflectLearn.Trusted => "trusted",
        ReflectLearn.Any => "any",
        _ => Number((uint)learn),
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
    public static string OfProtocol(byte protocol) => ProtocolNames.GetValueOrDefault(protocol) ?? Number(protocol);

    /// <summary>The number of a protocol <see cref="OfProtocol"/> names, or null for another name.</summary>
    public static byte? ProtocolNumber(string name) =>
        ProtocolNames.Where(pair => pair.Value == name).Select(pair => (byte?)pair.Key).FirstOrDefault();

    /// <summary>"learn", "move", "flap", "expire", "evict", "untrusted", "hold", or a later module's type by number.</summary>
    public static string Of(ReflectEventType type) =>
        Enum.IsDefined(type) ? type.ToString().ToLowerInvariant() : Number((uint)type);

    /// <summary>An entry's key: "192.168.50.10 10.50.0.100", or with a flow "tcp 192.168.50.10:3260 10.50.0.100:51234".</summary>
    public static string Of(ReflectEntryKey key) => key.Flow is ReflectFlow flow
        ? $"{OfProtocol(flow.Protocol)} {OfEndpoint(key.Local, flow.LocalPort)} {OfEndpoint(key.Peer, flow.PeerPort)}"
        : $"{key.Local} {key.Peer}";

    /// <summary>
    /// The name of the interface with this index on this host, looked up once per index: a
    /// table of thousands of entries names a handful of interfaces.
    /// </summary>
    public static Func<int, string?> InterfaceLookup()
    {
        var names = new Dictionary<int, string?>();
        return ifIndex => names.TryGetValue(ifIndex, out string? name) ? name : names[ifIndex] = NetworkInterfaceNames.NameOf(ifIndex);
    }

    /// <summary>"192.168.50.10", or with a port "192.168.50.10:3260" and "[fd50::10]:3260".</summary>
    public static string OfEndpoint(IPAddress address, ushort? port) =>
        port is ushort p ? new IPEndPoint(address, p).ToString() : address.ToString();

    public static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static string SnakeCase(string pascalCase) =>
        string.Concat(pascalCase.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
