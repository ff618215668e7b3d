// SPDX-License-Identifier: MIT
using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.NetworkInformation;
using Reflect.Netlink;

namespace ReflectCtl.Arguments;

/// <summary>A router's address or MAC address, as <c>nexthop add</c> and files give it, on an interface named apart.</summary>
/// <param name="Address">The router's address on the link, or null.</param>
/// <param name="LinkLayerAddress">Its MAC address, or null.</param>
internal sealed record NextHopAddress(IPAddress? Address, PhysicalAddress? LinkLayerAddress)
{
    /// <summary>The next hop on the interface of index <paramref name="ifIndex"/>.</summary>
    public ReflectNextHop On(int ifIndex) => Address is not null
        ? ReflectNextHop.ByAddress(ifIndex, Address)
        : ReflectNextHop.ByLinkLayerAddress(ifIndex, LinkLayerAddress!);

    public override string ToString() => Address?.ToString() ?? Output.Names.Of(LinkLayerAddress!);
}

/// <summary>ADDRESS|MAC: a MAC address when it is six hex bytes, else an IPv4 or IPv6 address.</summary>
internal static class NextHopArgument
{
    public const string Syntax = "ADDRESS|MAC";

    public static Argument<NextHopAddress> Create(string description) =>
        new(Syntax) { Description = description, CustomParser = TokenParsers.ForArgument<NextHopAddress>(TryParse) };

    public static bool TryParse(string token, [MaybeNullWhen(false)] out NextHopAddress nextHop, [NotNullWhen(false)] out string? error)
    {
        nextHop = null;
        if (LinkLayerAddressArgument.TryParse(token, out PhysicalAddress? mac, out _))
        {
            bool unicast = (mac.GetAddressBytes()[0] & 1) == 0 && mac.GetAddressBytes().Any(b => b != 0);
            nextHop = unicast ? new NextHopAddress(null, mac) : null;
            error = unicast ? null : $"'{token}' is not a unicast MAC address";
            return unicast;
        }

        if (AddressArguments.TryParseAddress(token, out IPAddress? address, out _))
        {
            nextHop = new NextHopAddress(address, null);
            error = null;
            return true;
        }

        error = $"'{token}' is neither an address (192.168.50.2, fd50::2) nor a MAC address (02:00:00:00:00:02)";
        return false;
    }
}
