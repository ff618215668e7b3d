// SPDX-License-Identifier: MIT
using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Reflect.Netlink;

namespace ReflectCtl.Arguments;

/// <summary>NAME_OR_INDEX: an interface by index when all digits, else by name.</summary>
internal static class InterfaceArgument
{
    public const string Syntax = "NAME_OR_INDEX";

    public static Argument<ReflectInterfaceId> Create(string description) =>
        new(Syntax) { Description = description, CustomParser = TokenParsers.ForArgument<ReflectInterfaceId>(TryParse) };

    public static Option<ReflectInterfaceId> CreateOption(string description) =>
        new("--iface") { Description = description, HelpName = Syntax, CustomParser = TokenParsers.ForArgument<ReflectInterfaceId>(TryParse) };

    /// <summary>The index the kernel needs where it takes only REFLECT_A_IFINDEX: a name is looked up on this host.</summary>
    public static int ToIndex(ReflectInterfaceId id) =>
        id.Index ?? NetworkInterfaceNames.IndexOf(id.Name!)
        ?? throw new UsageException($"no network interface named '{id.Name}' in this network namespace");

    public static bool TryParse(string token, [MaybeNullWhen(false)] out ReflectInterfaceId id, [NotNullWhen(false)] out string? error)
    {
        id = null;
        if (token.Length > 0 && token.All(char.IsAsciiDigit))
        {
            bool valid = int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index > 0;
            id = valid ? ReflectInterfaceId.ByIndex(index) : null;
            error = valid ? null : $"'{token}' is not an interface index: 1 to {int.MaxValue}";
            return valid;
        }

        return TryParseName(token, out id, out error);
    }

    /// <summary>A name only, as files give interfaces: digits there are a name too.</summary>
    public static bool TryParseName(string token, [MaybeNullWhen(false)] out ReflectInterfaceId id, [NotNullWhen(false)] out string? error)
    {
        bool valid = ReflectInterfaceId.IsValidName(token);
        id = valid ? ReflectInterfaceId.ByName(token) : null;
        error = valid ? null : $"'{token}' is not an interface name: 1 to {ReflectInterfaceId.MaxNameBytes} bytes";
        return valid;
    }
}
