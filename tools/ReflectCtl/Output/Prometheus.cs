// SPDX-License-Identifier: MIT
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Reflect.Netlink;

namespace ReflectCtl.Output;

/// <summary>
/// The counters in the Prometheus text exposition format (version 0.0.4), for node_exporter's
/// textfile collector. Every metric is <c>reflect_</c>-prefixed, counters end in <c>_total</c>,
/// and each family has its HELP and TYPE lines. The namespace's counters carry no label, an
/// interface's the label <c>iface</c> and a local address's <c>local</c>, each in families of
/// their own (<c>reflect_iface_…</c>, <c>reflect_local_…</c>), so that summing a family never
/// counts a packet twice. The hook counters become <c>reflect_hook_packets_total{hook, family}</c>,
/// the fallback reasons <c>…fallback_packets_total{reason}</c>.
/// </summary>
internal static class Prometheus
{
    private const string FallbackPrefix = "fb_";

    // What each counter counts, as kmod/uapi/reflect.h says; a counter without a line here fails
    // PrometheusTests, so a new one cannot go out without its HELP.
    private static readonly FrozenDictionary<ReflectCounter, string> Help = new Dictionary<ReflectCounter, string>
    {
        [ReflectCounter.PreIpv4] = "IPv4 packets seen by the learning hook (LOCAL_IN).",
        [ReflectCounter.PreIpv6] = "IPv6 packets seen by the learning hook (LOCAL_IN).",
        [ReflectCounter.OutIpv4] = "IPv4 packets seen by the reflecting hook (LOCAL_OUT).",
        [ReflectCounter.OutIpv6] = "IPv6 packets seen by the reflecting hook (LOCAL_OUT).",
        [ReflectCounter.Learned] = "Entries created.",
        [ReflectCounter.Refreshed] = "Packets that refreshed an entry.",
        [ReflectCounter.Moved] = "Entries moved to a new next hop.",
        [ReflectCounter.Flaps] = "Moves refused because the entry moved less than min_move_ms before.",
        [ReflectCounter.Held] = "Packets from another next hop that did not move their entry (a forger's show here).",
        [ReflectCounter.Skipped] = "Packets on an enabled interface that could not be learned from.",
        [ReflectCounter.ReflectedPackets] = "Packets sent back the way their peer's came in.",
        [ReflectCounter.ReflectedBytes] = "Bytes sent back the way their peer's came in.",
        [ReflectCounter.Miss] = "Locally generated packets without an entry, routed normally.",
        [ReflectCounter.FbDisabled] = "Reflection is switched off.",
        [ReflectCounter.FbStale] = "The entry is idle past the timeout.",
        [ReflectCounter.FbDevGone] = "The learned device is gone or no longer Ethernet.",
        [ReflectCounter.FbDevDown] = "The learned device is down.",
        [ReflectCounter.FbNoCarrier] = "The learned device has no carrier.",
        [ReflectCounter.FbMtu] = "Not counted: reflected packets are fragmented by the stack's output path.",
        [ReflectCounter.FbRetrans] = "The sending TCP socket is retransmitting.",
        [ReflectCounter.FbDstType] = "The route is not plain unicast (local, broadcast, multicast, IPsec, tunnel).",
        [ReflectCounter.TableFull] = "Peers not learned because the table was full.",
        [ReflectCounter.Evicted] = "Idle entries evicted for a new peer.",
        [ReflectCounter.Expired] = "Entries aged out.",
        [ReflectCounter.Entries] = "Entries in the table.",
        [ReflectCounter.FbNoNeigh] = "No neighbour entry of the learned device has the learned MAC address.",
        [ReflectCounter.Untrusted] = "Packets not learned from: their next hop is not trusted (a forger's show here).",
        [ReflectCounter.FbUntrusted] = "The entry's next hop is no longer trusted.",
        [ReflectCounter.FbOutbound] = "A flow this host opened, with outbound reflection off.",
    }.ToFrozenDictionary();

    private static readonly (ReflectCounter Counter, string Hook, string Family)[] HookCounters =
    [
        (ReflectCounter.PreIpv4, "local_in", "ipv4"), (ReflectCounter.PreIpv6, "local_in", "ipv6"),
        (ReflectCounter.OutIpv4, "local_out", "ipv4"), (ReflectCounter.OutIpv6, "local_out", "ipv6"),
    ];

    /// <summary>The counters every level has (not the hook counters, not the entry count).</summary>
    private static readonly ReflectCounter[] LevelCounters =
        [.. ReflectCounters.All.Where(c => c != ReflectCounter.Entries && !HookCounters.Any(h => h.Counter == c))];

    public static IReadOnlyCollection<ReflectCounter> Described => Help.Keys;

    public static string Format(ReflectStatus status, IEnumerable<ReflectInterface> interfaces, IEnumerable<ReflectLocal> locals)
    {
        ArgumentNullException.ThrowIfNull(status);
        var text = new StringBuilder();

        Family(text, "reflect_hook_packets_total", "counter", "Packets seen by reflect's netfilter hooks, by hook and family.");
        foreach ((ReflectCounter counter, string hook, string family) in HookCounters)
        {
            Sample(text, "reflect_hook_packets_total", [("hook", hook), ("family", family)], status.Counters[counter]);
        }

        Family(text, "reflect_entries", "gauge", Help[ReflectCounter.Entries]);
        Sample(text, "reflect_entries", [], status.Counters[ReflectCounter.Entries]);
        Family(text, "reflect_max_entries", "gauge", "The table's limit (max_entries).");
        Sample(text, "reflect_max_entries", [], status.Config.MaxEntries);
        Family(text, "reflect_enabled", "gauge", "1 while reflection is switched on.");
        Sample(text, "reflect_enabled", [], status.Config.Enabled ? 1UL : 0UL);

        Level(text, "reflect_", "", [([], status.Counters)]);
        Level(text, "reflect_iface_", " Per enabled interface.",
            [.. interfaces.Select(i => (new[] { ("iface", i.Name) }, i.Counters))]);
        Level(text, "reflect_local_", " Per local address.",
            [.. locals.Select(l => (new[] { ("local", l.Address.ToString()) }, l.Counters))]);
        return text.ToString();
    }

    private static void Level(StringBuilder text, string prefix, string scope,
        IReadOnlyList<((string Name, string Value)[] Labels, ReflectCounters Counters)> sources)
    {
        foreach (ReflectCounter counter in LevelCounters.Where(c => !IsFallback(c)))
        {
            string name = $"{prefix}{Names.Of(counter)}_total";
            Family(text, name, "counter", Help[counter] + scope);
            foreach (((string Name, string Value)[] labels, ReflectCounters counters) in sources)
            {
                Sample(text, name, labels, counters[counter]);
            }
        }

        string fallback = $"{prefix}fallback_packets_total";
        Family(text, fallback, "counter", "Locally generated packets with an entry that were routed normally, by reason." + scope);
        foreach (((string Name, string Value)[] labels, ReflectCounters counters) in sources)
        {
            foreach (ReflectCounter counter in LevelCounters.Where(IsFallback))
            {
                Sample(text, fallback, [.. labels, ("reason", Names.Of(counter)[FallbackPrefix.Length..])], counters[counter]);
            }
        }
    }

    private static bool IsFallback(ReflectCounter counter) => Names.Of(counter).StartsWith(FallbackPrefix, StringComparison.Ordinal);

    private static void Family(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, (string Name, string Value)[] labels, ulong value)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').AppendJoin(',', labels.Select(l => $"{l.Name}=\"{EscapeLabel(l.Value)}\"")).Append('}');
        }

        text.Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeLabel(string value) =>
        EscapeHelp(value).Replace("\"", "\\\"", StringComparison.Ordinal);
}
