// SPDX-License-Identifier: MIT
using Reflect.Netlink.Protocol;
using static Reflect.Netlink.ReflectUapi;

namespace Reflect.Netlink.ReflectFamily;

/// <summary>The REFLECT_A_STATS nest that status, interface and local-address replies carry.</summary>
internal static class CounterAttributes
{
    /*
        nlattr      REFLECT_A_STATS                   nest:
          nlattr      REFLECT_STATS_A_PAD             empty, where nla_put_64bit() aligns a u64
          nlattr      REFLECT_STATS_A_<counter>       u64, each counter kept at that level
        Counters this reader does not know are skipped; a known one that is absent reads 0.
    */
    public static ReflectCounters Read(NetlinkAttributeTable message) =>
        ReadNest(message.RequiredNested(REFLECT_A_STATS, REFLECT_STATS_A_MAX));

    /// <summary>The counters of a REFLECT_A_STATS nest already parsed, e.g. to check some are present first.</summary>
    public static ReflectCounters ReadNest(NetlinkAttributeTable stats)
    {
        var values = new Dictionary<ReflectCounter, ulong>();
        foreach (ReflectCounter counter in ReflectCounters.All)
        {
            if (stats.TryGet((ushort)counter, out NetlinkAttribute attribute))
            {
                values[counter] = attribute.GetU64();
            }
        }

        return new ReflectCounters(values);
    }
}
