// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.NetworkInformation;

namespace Reflect.Netlink;

/// <summary>
/// A next hop named trusted (REFLECT_A_NEXTHOP): a router on an interface, by its address on
/// that link or by its MAC address, never both. By address, reflect.ko knows it by the MAC
/// address its neighbour entry has; by MAC address, by that MAC.
/// </summary>
public sealed record ReflectNextHop
{
    private ReflectNextHop(int ifIndex, IPAddress? address, PhysicalAddress? linkLayerAddress)
    {
        IfIndex = ifIndex > 0 ? ifIndex
            : throw new ArgumentOutOfRangeException(nameof(ifIndex), ifIndex, "an interface index is positive");
        Address = address;
        LinkLayerAddress = linkLayerAddress;
    }

    /// <summary>REFLECT_NEXTHOP_A_IFINDEX: the interface the router is reached on.</summary>
    public int IfIndex { get; }

    /// <summary>REFLECT_NEXTHOP_A_ADDR, or null when named by MAC address.</summary>
    public IPAddress? Address { get; }

    /// <summary>REFLECT_NEXTHOP_A_LLADDR, or null when named by address.</summary>
    public PhysicalAddress? LinkLayerAddress { get; }

    public static ReflectNextHop ByAddress(int ifIndex, IPAddress address) =>
        new(ifIndex, address ?? throw new ArgumentNullException(nameof(address)), null);

    public static ReflectNextHop ByLinkLayerAddress(int ifIndex, PhysicalAddress address) =>
        new(ifIndex, null, address ?? throw new ArgumentNullException(nameof(address)));
}
