// SPDX-License-Identifier: MIT
namespace Reflect.Netlink;

/// <summary>What a dump command returned, its parts reassembled.</summary>
/// <param name="Items">One item per message, in the kernel's order.</param>
/// <param name="Interrupted">
/// A part or the closing NLMSG_DONE carried NLM_F_DUMP_INTR: what was dumped changed between
/// two parts, so <paramref name="Items"/> may miss or repeat some. The items are still each
/// well formed; a caller that needs a consistent snapshot requests the dump again.
/// </param>
public sealed record ReflectDump<T>(IReadOnlyList<T> Items, bool Interrupted);
