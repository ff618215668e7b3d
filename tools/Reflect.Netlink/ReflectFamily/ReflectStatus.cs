// SPDX-License-Identifier: MIT
namespace Reflect.Netlink;

/// <summary>What REFLECT_CMD_GET_STATUS reports for the caller's network namespace.</summary>
/// <param name="Version">REFLECT_A_VERSION: the module's version string.</param>
/// <param name="Counters">REFLECT_A_STATS: the namespace's packet counters.</param>
public sealed record ReflectStatus(string Version, ReflectCounters Counters);

/// <summary>Packets seen by reflect.ko's hooks in one network namespace.</summary>
/// <param name="PreIpv4">REFLECT_STATS_A_PRE_IPV4: IPv4 packets at PREROUTING.</param>
/// <param name="PreIpv6">REFLECT_STATS_A_PRE_IPV6: IPv6 packets at PREROUTING.</param>
/// <param name="OutIpv4">REFLECT_STATS_A_OUT_IPV4: IPv4 packets at LOCAL_OUT.</param>
/// <param name="OutIpv6">REFLECT_STATS_A_OUT_IPV6: IPv6 packets at LOCAL_OUT.</param>
public sealed record ReflectCounters(ulong PreIpv4, ulong PreIpv6, ulong OutIpv4, ulong OutIpv6);
