// SPDX-License-Identifier: MIT
using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ReflectCtl.Arguments;

/// <summary>
/// ADDR (an IPv4 or IPv6 address), PREFIX (ADDR/LENGTH with the host bits zero) and
/// ADDR_OR_PREFIX (either; an address alone is the prefix of its whole length).
/// </summary>
internal static class AddressArguments
{
    public static Option<IPAddress> CreateLocalOption(string description) =>
        new("--local") { Description = description, HelpName = "ADDR", CustomParser = TokenParsers.ForArgument<IPAddress>(TryParseAddress) };

    public static Option<IPNetwork> CreatePeerOption(string description) =>
        new("--peer") { Description = description, HelpName = "ADDR_OR_PREFIX", CustomParser = TokenParsers.ForArgument<IPNetwork>(TryParseAddressOrPrefix) };

    public static Argument<IPAddress> CreatePeer(string description) =>
        new("PEER") { Description = description, CustomParser = TokenParsers.ForArgument<IPAddress>(TryParseAddress) };

    public static Argument<IPNetwork> CreatePrefix(string description) =>
        new("PREFIX") { Description = description, CustomParser = TokenParsers.ForArgument<IPNetwork>(TryParsePrefix) };

    public static bool TryParseAddress(string token, [MaybeNullWhen(false)] out IPAddress address, [NotNullWhen(false)] out string? error)
    {
        address = ParseAddress(token);
        error = address is null ? $"'{token}' is not an IPv4 or IPv6 address" : null;
        return address is not null;
    }

    public static bool TryParsePrefix(string token, out IPNetwork prefix, [NotNullWhen(false)] out string? error)
    {
        string[] parts = token.Split('/', 2);
        if (parts.Length != 2 || ParseAddress(parts[0]) is not IPAddress address
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int length))
        {
            prefix = default;
            error = $"'{token}' is not a prefix: ADDRESS/LENGTH, e.g. 192.168.50.10/32 or fd50::/64";
            return false;
        }

        return TryMakePrefix(token, address, length, out prefix, out error);
    }

    /// <summary>A prefix, or an address taken as the prefix of its whole length (/32 or /128).</summary>
    public static bool TryParseAddressOrPrefix(string token, out IPNetwork prefix, [NotNullWhen(false)] out string? error)
    {
        if (token.Contains('/', StringComparison.Ordinal))
        {
            return TryParsePrefix(token, out prefix, out error);
        }

        if (ParseAddress(token) is IPAddress address)
        {
            return TryMakePrefix(token, address, Bits(address), out prefix, out error);
        }

        prefix = default;
        error = $"'{token}' is neither an address nor a prefix: e.g. 10.50.0.100, 10.50.0.0/24 or fd51::/64";
        return false;
    }

    private static bool TryMakePrefix(string token, IPAddress address, int length, out IPNetwork prefix, [NotNullWhen(false)] out string? error)
    {
        prefix = default;
        if (length > Bits(address))
        {
            error = $"'{token}': a prefix length is at most {Bits(address)} for this address family";
            return false;
        }

        // IPNetwork masks the host bits off silently; a prefix given with them is likely a typo.
        prefix = new IPNetwork(address, length);
        error = prefix.BaseAddress.Equals(address) ? null
            : $"'{token}': the host bits, those after the first {length}, must be zero (the prefix is {prefix})";
        return error is null;
    }

    private static int Bits(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;

    // IPAddress.TryParse also takes "10" or "10.1" as IPv4 shorthand, which here is more likely
    // a typo, and "fe80::1%eth0", whose zone the kernel's attributes have no room for.
    private static IPAddress? ParseAddress(string text) =>
        IPAddress.TryParse(text, out IPAddress? address)
        && (address.AddressFamily == AddressFamily.InterNetworkV6 ? address.ScopeId == 0 : text.Count(c => c == '.') == 3)
            ? address : null;
}
