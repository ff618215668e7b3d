// SPDX-License-Identifier: MIT
using System.Net;

namespace Reflect.Netlink;

/// <summary>enum reflect_scope_action.</summary>
public enum ReflectScopeAction : byte
{
    /// <summary>REFLECT_SCOPE_INCLUDE: once one exists, only local addresses in an include prefix are learned.</summary>
    Include = ReflectUapi.REFLECT_SCOPE_INCLUDE,

    /// <summary>REFLECT_SCOPE_EXCLUDE: local addresses in the prefix are never learned (an LVS-DR VIP, say).</summary>
    Exclude = ReflectUapi.REFLECT_SCOPE_EXCLUDE,
}

/// <summary>
/// A prefix of local addresses in or out of scope (REFLECT_A_SCOPE). <see cref="IPNetwork"/>
/// holds what the kernel requires, a prefix length the family allows and the host bits zero:
/// it masks them off silently, so a caller that must refuse them compares its base address
/// with the address it was given.
/// </summary>
public sealed record ReflectScope(ReflectScopeAction Action, IPNetwork Prefix);
