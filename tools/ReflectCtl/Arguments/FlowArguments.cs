// SPDX-License-Identifier: MIT
using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ReflectCtl.Output;

namespace ReflectCtl.Arguments;

/// <summary>PROTO (tcp, udp, sctp or a number) and PORT (1 to 65535): the flow part of an entry's key.</summary>
internal static class FlowArguments
{
    public const string ProtocolSyntax = "tcp|udp|sctp|N";

    public static Option<byte> CreateProtocolOption(string description) =>
        new("--proto") { Description = description, HelpName = ProtocolSyntax, CustomParser = TokenParsers.ForArgument<byte>(TryParseProtocol) };

    public static Option<ushort> CreatePortOption(string name, string description) =>
        new(name) { Description = description, HelpName = "PORT", CustomParser = TokenParsers.ForArgument<ushort>(TryParsePort) };

    public static bool TryParseProtocol(string token, out byte protocol, [NotNullWhen(false)] out string? error)
    {
        if (Names.ProtocolNumber(token) is byte named)
        {
            protocol = named;
            error = null;
            return true;
        }

        bool valid = byte.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out protocol);
        error = valid ? null : $"'{token}' is not a protocol: {ProtocolSyntax} (0 to 255)";
        return valid;
    }

    public static bool TryParsePort(string token, out ushort port, [NotNullWhen(false)] out string? error)
    {
        bool valid = ushort.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port > 0;
        error = valid ? null : $"'{token}' is not a port: 1 to 65535";
        return valid;
    }
}
