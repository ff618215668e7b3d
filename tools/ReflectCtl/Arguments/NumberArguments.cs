// SPDX-License-Identifier: MIT
using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ReflectCtl.Arguments;

/// <summary>N (a count from 1) and SECONDS (a positive number, fractions allowed).</summary>
internal static class NumberArguments
{
    public static Option<int> CreateCountOption(string name, string description) =>
        new(name) { Description = description, HelpName = "N", CustomParser = TokenParsers.ForArgument<int>(TryParseCount) };

    public static Option<TimeSpan> CreateSecondsOption(string name, string description) =>
        new(name) { Description = description, HelpName = "SECONDS", CustomParser = TokenParsers.ForArgument<TimeSpan>(TryParseSeconds) };

    public static bool TryParseCount(string token, out int count, [NotNullWhen(false)] out string? error)
    {
        bool valid = int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count > 0;
        error = valid ? null : $"'{token}' is not a count: 1 to {int.MaxValue}";
        return valid;
    }

    public static bool TryParseSeconds(string token, out TimeSpan duration, [NotNullWhen(false)] out string? error)
    {
        bool valid = double.TryParse(token, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds)
            && seconds > 0 && seconds <= TimeSpan.MaxValue.TotalSeconds;
        duration = valid ? TimeSpan.FromSeconds(seconds) : default;
        error = valid ? null : $"'{token}' is not a number of seconds: more than 0, e.g. 10 or 0.5";
        return valid;
    }
}
