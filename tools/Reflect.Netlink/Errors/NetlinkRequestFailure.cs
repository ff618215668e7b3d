// SPDX-License-Identifier: MIT
namespace Reflect.Netlink;

/// <summary>One request of a batch that the kernel refused.</summary>
/// <param name="Index">The request's position in the batch, from 0, as the caller listed them.</param>
/// <param name="Error">The kernel's errno and extended-ack message for it.</param>
public sealed record NetlinkRequestFailure(int Index, NetlinkException Error);
