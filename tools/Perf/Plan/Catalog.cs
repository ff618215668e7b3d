// SPDX-License-Identifier: MIT
namespace Reflect.Perf.Plan;

/// <summary>
/// The configurations bench.sh switches between, in the order they are checked and,
/// in repetition 0, visited. Names are bench.sh's and appear verbatim in results.json.
/// </summary>
internal static class Configurations
{
    public const string Plain = "plain";
    public const string Loaded = "loaded";
    public const string Peer = "peer";
    public const string Flow = "flow";
    public const string Recipe = "recipe";
    public const string Conntrack = "conntrack";

    public static readonly IReadOnlyList<string> All = [Plain, Loaded, Peer, Flow, Recipe, Conntrack];

    /// <summary>Every ratio is taken against this one: plain routing, module not loaded.</summary>
    public const string Baseline = Plain;

    /// <summary>The configurations the reflection targets are checked for: reflection on, without conntrack.</summary>
    public static readonly IReadOnlyList<string> Reflecting = [Peer, Flow];

    /// <summary>Plain routing and a loaded-but-disabled module send replies via the default router.</summary>
    public static bool ExpectedToReflect(string name) => name is not (Plain or Loaded);

    public static string Describe(string name) => name switch
    {
        Plain => "plain routing, module not loaded",
        Loaded => "module loaded, reflection disabled",
        Peer => "reflection on, peer mode",
        Flow => "reflection on, flow mode",
        Recipe => "CONNMARK/fwmark recipe with per-router tables",
        Conntrack => "reflection on (peer mode), conntrack loaded",
        _ => name,
    };
}

/// <summary>What bench.sh measure runs; every value is a rate, so higher is better.</summary>
internal static class Workloads
{
    public const string Tcp1 = "tcp1";
    public const string Tcp4 = "tcp4";
    public const string Udp64 = "udp64";
    public const string RequestResponse = "rr";

    public static readonly IReadOnlyList<string> All = [Tcp1, Tcp4, Udp64, RequestResponse];

    /// <summary>--quick keeps one bulk and the small-packet workload: the two the targets weigh most.</summary>
    public static readonly IReadOnlyList<string> Quick = [Tcp1, Udp64];

    public static readonly IReadOnlyList<string> Bulk = [Tcp1, Tcp4];

    /// <summary>The workloads whose cost is per packet rather than per byte: the ones the recipe is compared on.</summary>
    public static readonly IReadOnlyList<string> PerPacket = [Udp64, RequestResponse];

    /// <summary>
    /// The TCP payload of one full-sized segment at the topology's MTU of 1500 (IPv4, TCP
    /// timestamps): the unit a bulk workload's per-unit cost is counted in.
    /// </summary>
    public const int SegmentBytes = 1448;

    /// <summary>The unit of work whose cost the report gives per workload.</summary>
    public static string WorkUnit(string name) => name switch
    {
        Tcp1 or Tcp4 => $"{SegmentBytes} bytes received",
        Udp64 => "datagram received",
        RequestResponse => "transaction",
        _ => name,
    };

    /// <summary>Units of work per second for a rate in the workload's own unit (Mbit/s for TCP, else per second already).</summary>
    public static double UnitsPerSecond(string name, double rate) =>
        name is Tcp1 or Tcp4 ? rate * 1e6 / 8 / SegmentBytes : rate;

    public static string Describe(string name) => name switch
    {
        Tcp1 => "iperf3 TCP, 1 stream, appliance to client",
        Tcp4 => "iperf3 TCP, 4 streams, appliance to client",
        Udp64 => "iperf3 UDP, 64-byte payloads at full rate, appliance to client",
        RequestResponse => "sockperf request/response",
        _ => name,
    };
}
