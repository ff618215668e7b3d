// SPDX-License-Identifier: MIT
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Reflect.Netlink;

namespace ReflectCtl.Arguments;

/// <summary>NAME_OR_INDEX: an interface by index when all digits, else by name.</summary>
internal static class InterfaceArgument
{
    public const string Syntax = "NAME_OR_INDEX";

    public static Argument<ReflectInterfaceId> Create(string description) =>
        new(Syntax) { Description = description, CustomParser = Parse };

    public static Option<ReflectInterfaceId> CreateOption(string description) =>
        new("--iface") { Description = description, HelpName = Syntax, CustomParser = Parse };

    /// <summary>The index the kernel needs where it takes only REFLECT_A_IFINDEX: a name is looked up on this host.</summary>
    public static int ToIndex(ReflectInterfaceId id) =>
        id.Index ?? NetworkInterfaceNames.IndexOf(id.Name!)
        ?? throw new UsageException($"no network interface named '{id.Name}' in this network namespace");

    public static ReflectInterfaceId? Parse(ArgumentResult result)
    {
        string token = result.Tokens.Single().Value;
        if (token.Length > 0 && token.All(char.IsAsciiDigit))
        {
            if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index > 0)
            {
                return ReflectInterfaceId.ByIndex(index);
            }

            result.AddError($"'{token}' is not an interface index: 1 to {int.MaxValue}");
            return null;
        }

        if (ReflectInterfaceId.IsValidName(token))
        {
            return ReflectInterfaceId.ByName(token);
        }

        result.AddError($"'{token}' is not an interface name: 1 to {ReflectInterfaceId.MaxNameBytes} bytes");
        return null;
    }
}
