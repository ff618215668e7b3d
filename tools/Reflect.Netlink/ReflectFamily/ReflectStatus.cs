// SPDX-License-Identifier: MIT
namespace Reflect.Netlink;

/// <summary>What REFLECT_CMD_GET_STATUS reports for the caller's network namespace.</summary>
/// <param name="Version">REFLECT_A_VERSION: the module's version string.</param>
/// <param name="Counters">REFLECT_A_STATS: the namespace's counters.</param>
/// <param name="Config">REFLECT_A_CONFIG: the namespace's configuration.</param>
public sealed record ReflectStatus(string Version, ReflectCounters Counters, ReflectConfig Config);
