// SPDX-License-Identifier: MIT
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ReflectCtl.Arguments;

/// <summary>ADDR (an IPv4 or IPv6 address) and PREFIX (ADDR/LENGTH with the host bits zero).</summary>
internal static class AddressArguments
{
    public static Option<IPAddress> CreateLocalOption(string description) =>
        new("--local") { Description = description, HelpName = "ADDR", CustomParser = ParseAddress };

    public static Argument<IPNetwork> CreatePrefix(string description) =>
        new("PREFIX") { Description = description, CustomParser = ParsePrefix };

    public static IPAddress? ParseAddress(ArgumentResult result)
    {
        string token = result.Tokens.Single().Value;
        if (TryParseAddress(token) is IPAddress address)
        {
            return address;
        }

        result.AddError($"'{token}' is not an IPv4 or IPv6 address");
        return null;
    }

    public static IPNetwork ParsePrefix(ArgumentResult result)
    {
        string token = result.Tokens.Single().Value;
        string[] parts = token.Split('/', 2);
        if (parts.Length != 2 || TryParseAddress(parts[0]) is not IPAddress address
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int length))
        {
            result.AddError($"'{token}' is not a prefix: ADDRESS/LENGTH, e.g. 192.168.50.10/32 or fd50::/64");
            return default;
        }

        int bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (length > bits)
        {
            result.AddError($"'{token}': a prefix length is at most {bits} for this address family");
            return default;
        }

        // IPNetwork masks the host bits off silently; a prefix given with them is likely a typo.
        var prefix = new IPNetwork(address, length);
        if (!prefix.BaseAddress.Equals(address))
        {
            result.AddError($"'{token}': the host bits, those after the first {length}, must be zero (the prefix is {prefix})");
        }

        return prefix;
    }

    // IPAddress.TryParse also takes "10" or "10.1" as IPv4 shorthand, which here is more likely
    // a typo, and "fe80::1%eth0", whose zone the kernel's attributes have no room for.
    private static IPAddress? TryParseAddress(string text) =>
        IPAddress.TryParse(text, out IPAddress? address)
        && (address.AddressFamily == AddressFamily.InterNetworkV6 ? address.ScopeId == 0 : text.Count(c => c == '.') == 3)
            ? address : null;
}
