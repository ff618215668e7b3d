// SPDX-License-Identifier: MIT
using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net.NetworkInformation;

namespace ReflectCtl.Arguments;

/// <summary>MAC: the next hop's Ethernet address, six hex bytes apart by ':' or '-', as ip(8) and the listings show it.</summary>
internal static class LinkLayerAddressArgument
{
    public static Option<PhysicalAddress> CreateOption(string description) =>
        new("--lladdr") { Description = description, HelpName = "MAC", CustomParser = TokenParsers.ForArgument<PhysicalAddress>(TryParse) };

    public static bool TryParse(string token, [MaybeNullWhen(false)] out PhysicalAddress address, [NotNullWhen(false)] out string? error)
    {
        string[] parts = token.Split(token.Contains('-', StringComparison.Ordinal) ? '-' : ':');
        byte[] bytes = new byte[parts.Length];
        bool valid = parts.Length == 6 && parts.Select((part, i) => part.Length == 2
            && byte.TryParse(part, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i])).All(ok => ok);
        address = valid ? new PhysicalAddress(bytes) : null;
        error = valid ? null : $"'{token}' is not a MAC address: six hex bytes, e.g. 02:00:00:00:00:02";
        return valid;
    }
}
