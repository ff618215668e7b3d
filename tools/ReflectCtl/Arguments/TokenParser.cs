// SPDX-License-Identifier: MIT
using System.CommandLine.Parsing;
using System.Diagnostics.CodeAnalysis;

namespace ReflectCtl.Arguments;

/// <summary>
/// Reads one value from its text, or says what is wrong with it. The same parser serves a
/// command-line token and a value of a file (apply's desired state, restore's saved table).
/// </summary>
internal delegate bool TokenParser<T>(string token, [MaybeNullWhen(false)] out T value, [NotNullWhen(false)] out string? error);

internal static class TokenParsers
{
    /// <summary>A System.CommandLine CustomParser of one token: the error, if any, becomes a parse error.</summary>
    public static Func<ArgumentResult, T?> ForArgument<T>(TokenParser<T> parse) => result =>
    {
        if (parse(result.Tokens.Single().Value, out T? value, out string? error))
        {
            return value;
        }

        result.AddError(error);
        return default;
    };
}
