// SPDX-License-Identifier: MIT
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Reflect.Netlink;
using ReflectCtl.Output;

namespace ReflectCtl.Arguments;

/// <summary>
/// A key of <c>config get</c> and <c>config set</c>: its name, the values it takes, how it
/// reads from a <see cref="ReflectConfig"/> (bool, uint or string, as JSON shows it) and how
/// a value sets it in a <see cref="ReflectConfigChange"/> (null for a value it does not take).
/// </summary>
internal sealed record ConfigKey(
    string Name,
    string Values,
    Func<ReflectConfig, object> Read,
    Func<ReflectConfigChange, string, ReflectConfigChange?> Set)
{
    /// <summary>The value as text shows it, and as <c>config set</c> takes it back.</summary>
    public string Show(ReflectConfig config) => Read(config) switch
    {
        bool flag => flag ? "true" : "false",
        uint number => Names.Number(number),
        var text => text.ToString()!,
    };
}

/// <summary>
/// The configuration keys, named as reflect.h's REFLECT_CONFIG_A_* in lower case, and the one
/// parser of <c>key=value</c> assignments. The kernel checks the ranges reflect.h gives and
/// says what is wrong in its extended ack; this checks only that a value has the right form.
/// </summary>
internal static class ConfigKeys
{
    public static IReadOnlyList<ConfigKey> All { get; } =
    [
        new("enabled", "true|false|1|0", c => c.Enabled,
            (change, value) => ParseSwitch(value) is bool enabled ? change with { Enabled = enabled } : null),
        new("mode", "peer|flow", c => Names.Of(c.Mode),
            (change, value) => ParseMode(value) is ReflectMode mode ? change with { Mode = mode } : null),
        Number("idle_timeout", "SECONDS", c => c.IdleTimeoutSeconds, (change, n) => change with { IdleTimeoutSeconds = n }),
        Number("max_entries", "N", c => c.MaxEntries, (change, n) => change with { MaxEntries = n }),
        Number("retrans_threshold", "N", c => c.RetransThreshold, (change, n) => change with { RetransThreshold = n }),
        Number("confirm_packets", "N", c => c.ConfirmPackets, (change, n) => change with { ConfirmPackets = n }),
        Number("confirm_ms", "MILLISECONDS", c => c.ConfirmMilliseconds, (change, n) => change with { ConfirmMilliseconds = n }),
        Number("min_move_ms", "MILLISECONDS", c => c.MinMoveMilliseconds, (change, n) => change with { MinMoveMilliseconds = n }),
        Number("evict_idle", "SECONDS", c => c.EvictIdleSeconds, (change, n) => change with { EvictIdleSeconds = n }),
        Number("event_rate", "PER_SECOND", c => c.EventRate, (change, n) => change with { EventRate = n }),
        new("learn", "trusted|any", c => Names.Of(c.Learn),
            (change, value) => ParseLearn(value) is ReflectLearn learn ? change with { Learn = learn } : null),
        new("outbound", "true|false|1|0", c => c.Outbound,
            (change, value) => ParseSwitch(value) is bool outbound ? change with { Outbound = outbound } : null),
    ];

    /// <summary>"enabled=true|false|1|0, mode=peer|flow, idle_timeout=SECONDS, ...", for error messages and help.</summary>
    public static string Synopsis { get; } = string.Join(", ", All.Select(key => $"{key.Name}={key.Values}"));

    /// <summary>Parses <c>key=value</c> assignments into one change; a key given twice takes its last value.</summary>
    /// <returns>Null, with <paramref name="error"/> saying why and listing the valid keys, if one does not parse.</returns>
    public static ReflectConfigChange? Parse(IEnumerable<string> assignments, out string? error)
    {
        var change = new ReflectConfigChange();
        foreach (string assignment in assignments)
        {
            string[] parts = assignment.Split('=', 2);
            ConfigKey? key = All.FirstOrDefault(key => key.Name == parts[0]);
            ReflectConfigChange? changed = parts.Length == 2 && key is not null ? key.Set(change, parts[1]) : null;
            if (changed is null)
            {
                error = (parts.Length, key) switch
                {
                    (1, _) => $"'{assignment}' is not key=value",
                    (_, null) => $"unknown config key '{parts[0]}'",
                    _ => $"'{parts[1]}' is not a value for {key.Name}, which takes {key.Values}",
                } + $"; valid keys: {Synopsis}";
                return null;
            }

            change = changed;
        }

        error = null;
        return change;
    }

    private static ConfigKey Number(string name, string values, Func<ReflectConfig, uint> read,
        Func<ReflectConfigChange, uint, ReflectConfigChange> set) =>
        new(name, values, config => read(config),
            (change, value) => uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out uint number)
                ? set(change, number) : null);

    private static bool? ParseSwitch(string value) => value.ToLowerInvariant() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };

    private static ReflectLearn? ParseLearn(string value) => value.ToLowerInvariant() switch
    {
        "trusted" => ReflectLearn.Trusted,
        "any" => ReflectLearn.Any,
        _ => null,
    };

    private static ReflectMode? ParseMode(string value) => value.ToLowerInvariant() switch
    {
        "peer" => ReflectMode.Peer,
        "flow" => ReflectMode.Flow,
        _ => null,
    };

    /// <summary>peer or flow, as a <see cref="TokenParser{T}"/> for files that name the mode.</summary>
    public static bool TryParseMode(string token, out ReflectMode mode, [NotNullWhen(false)] out string? error)
    {
        ReflectMode? parsed = ParseMode(token);
        mode = parsed.GetValueOrDefault();
        error = parsed is null ? $"'{token}' is not a mode: peer or flow" : null;
        return parsed is not null;
    }
}
