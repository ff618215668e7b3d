// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Reflect.Netlink;

namespace Reflect.Tests.Unit.Netlink;

/// <summary>kmod/uapi/reflect.h is the contract; ReflectUapi must mirror it name for name.</summary>
public sealed partial class UapiHeaderTests
{
    [Fact]
    public void ReflectUapi_holds_exactly_the_constants_of_reflect_h_with_equal_values()
    {
        // Arrange
        string header = ReadHeader();

        // Act
        Dictionary<string, object> fromHeader = UapiHeader.Constants(header);
        Dictionary<string, object> fromCSharp = typeof(ReflectUapi)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .ToDictionary(field => field.Name, field => Normalize(field.GetRawConstantValue()!));

        // Assert
        fromHeader.Should().ContainKeys("REFLECT_GENL_NAME", "REFLECT_GENL_MCGRP_EVENTS", "REFLECT_CMD_EVENT",
            "REFLECT_A_EVENTS_LOST", "REFLECT_STATS_A_ENTRIES", "REFLECT_CONFIG_A_EVENT_RATE", "REFLECT_ENTRY_A_PEER_PREFIXLEN",
            "REFLECT_SCOPE_EXCLUDE", "REFLECT_EVENT_EVICT", "REFLECT_ENTRY_F_STALE");
        fromCSharp.Should().BeEquivalentTo(fromHeader);
    }

    [Fact]
    public void Enumerators_without_a_value_count_up_from_the_previous_one()
    {
        // Arrange
        const string header = """
            enum e { A, B = 5, C, /* D, */ __E_MAX };
            #define E_MAX (__E_MAX - 1)
            #define NAME "x"
            """;

        // Act
        Dictionary<string, object> constants = UapiHeader.Constants(header);

        // Assert
        constants.Should().BeEquivalentTo(new Dictionary<string, object>
        {
            ["A"] = 0L, ["B"] = 5L, ["C"] = 6L, ["E_MAX"] = 6L, ["NAME"] = "x",
        });
    }

    [Fact]
    public void Flag_defines_are_evaluated_with_shifts_ors_and_unsigned_suffixes()
    {
        // Arrange
        const string header = """
            #define F_A	(1U << 0)	/* first */
            #define F_B	(1U << 3)
            #define F_C	0x10u
            #define __F_ALL	(F_A | F_B | F_C)
            """;

        // Act
        Dictionary<string, object> constants = UapiHeader.Constants(header, includeInternal: true);

        // Assert
        constants.Should().BeEquivalentTo(new Dictionary<string, object>
        {
            ["F_A"] = 1L, ["F_B"] = 8L, ["F_C"] = 16L, ["__F_ALL"] = 25L,
        });
    }

    [Theory]
    [InlineData(typeof(ReflectCounter), "REFLECT_STATS_A_")]
    [InlineData(typeof(ReflectMode), "REFLECT_MODE_")]
    [InlineData(typeof(ReflectScopeAction), "REFLECT_SCOPE_")]
    public void Each_enum_mirrors_its_header_enumeration_name_for_name(Type type, string prefix)
    {
        // Arrange: the header's enumerators of that prefix, but the sentinels and another enumeration's attributes.
        Dictionary<string, object> fromHeader = UapiHeader.Constants(ReadHeader())
            .Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal)
                && !pair.Key[prefix.Length..].StartsWith("A_", StringComparison.Ordinal)
                && pair.Key is not ("REFLECT_STATS_A_UNSPEC" or "REFLECT_STATS_A_PAD")
                && !pair.Key.EndsWith("_MAX", StringComparison.Ordinal))
            .ToDictionary(pair => pair.Key, pair => pair.Value);

        // Act: PreIpv4 -> REFLECT_STATS_A_PRE_IPV4.
        Dictionary<string, object> fromCSharp = Enum.GetValues(type).Cast<object>().ToDictionary(
            value => prefix + UpperSnakeCase().Replace(value.ToString()!, "_$1").ToUpperInvariant(),
            value => (object)Convert.ToInt64(value, CultureInfo.InvariantCulture));

        // Assert
        fromCSharp.Should().BeEquivalentTo(fromHeader);
    }

    [Fact]
    public void ReflectEntryFlags_names_exactly_the_bits_of___REFLECT_ENTRY_F_ALL()
    {
        // Act
        long all = (long)UapiHeader.Constants(ReadHeader(), includeInternal: true)["__REFLECT_ENTRY_F_ALL"];
        long named = Enum.GetValues<ReflectEntryFlags>().Aggregate(0L, (bits, flag) => bits | (long)flag);

        // Assert
        named.Should().Be(all);
    }

    private static string ReadHeader() =>
        File.ReadAllText(Path.Combine(Reflect.Guest.RepositoryPaths.Root, "kmod", "uapi", "reflect.h"));

    private static object Normalize(object value) =>
        value is string ? value : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex UpperSnakeCase();

    /// <summary>
    /// Reads the constants of a uapi header: enumerators (0, then one more than the previous,
    /// unless assigned) and #defines of a string or of an integer expression in names, numbers
    /// (with U or L suffixes), parentheses, -, + , &lt;&lt; and |. The __* names are kernel-internal
    /// (sentinels such as __REFLECT_A_MAX, masks such as __REFLECT_ENTRY_F_ALL) and are left out
    /// unless asked for.
    /// </summary>
    private static partial class UapiHeader
    {
        public static Dictionary<string, object> Constants(string header, bool includeInternal = false)
        {
            string code = Comments().Replace(header, " ");
            var values = new Dictionary<string, object>();
            foreach (Match enumeration in Enumerations().Matches(code))
            {
                long next = 0;
                foreach (string enumerator in enumeration.Groups["body"].Value.Split(',').Select(e => e.Trim()).Where(e => e.Length > 0))
                {
                    string[] parts = enumerator.Split('=', 2, StringSplitOptions.TrimEntries);
                    long value = parts.Length == 2 ? Evaluate(parts[1], values) : next;
                    values[parts[0]] = value;
                    next = value + 1;
                }
            }

            foreach (Match define in Defines().Matches(code))
            {
                string value = define.Groups["value"].Value.Trim();
                values[define.Groups["name"].Value] = value.StartsWith('"') ? value.Trim('"') : Evaluate(value, values);
            }

            return values.Where(pair => includeInternal || !pair.Key.StartsWith("__", StringComparison.Ordinal))
                .ToDictionary(pair => pair.Key, pair => pair.Value);
        }

        private static long Evaluate(string expression, Dictionary<string, object> known)
        {
            var tokens = new Queue<string>(Tokens().Matches(expression).Select(match => match.Value));
            long value = Or(tokens, known);
            return tokens.Count == 0 ? value
                : throw new FormatException($"the header test cannot evaluate '{expression}'; extend UapiHeader.Evaluate");
        }

        // C's precedence, loosest first: |, then <<, then + and -.
        private static long Or(Queue<string> tokens, Dictionary<string, object> known) =>
            Binary(tokens, known, ["|"], Shift, (a, _, b) => a | b);

        private static long Shift(Queue<string> tokens, Dictionary<string, object> known) =>
            Binary(tokens, known, ["<<"], Additive, (a, _, b) => a << (int)b);

        private static long Additive(Queue<string> tokens, Dictionary<string, object> known) =>
            Binary(tokens, known, ["+", "-"], Primary, (a, op, b) => op == "+" ? a + b : a - b);

        private static long Binary(Queue<string> tokens, Dictionary<string, object> known, string[] operators,
            Func<Queue<string>, Dictionary<string, object>, long> operand, Func<long, string, long, long> apply)
        {
            long value = operand(tokens, known);
            while (tokens.TryPeek(out string? op) && operators.Contains(op))
            {
                tokens.Dequeue();
                value = apply(value, op, operand(tokens, known));
            }

            return value;
        }

        private static long Primary(Queue<string> tokens, Dictionary<string, object> known)
        {
            string token = tokens.Dequeue();
            if (token == "(")
            {
                long value = Or(tokens, known);
                return tokens.Dequeue() == ")" ? value : throw new FormatException("unbalanced parentheses");
            }

            string number = token.TrimEnd('u', 'U', 'l', 'L');
            return number.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? long.Parse(number[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                : long.TryParse(number, CultureInfo.InvariantCulture, out long parsed) ? parsed : (long)known[token];
        }

        [GeneratedRegex(@"/\*.*?\*/|//[^\n]*", RegexOptions.Singleline)]
        private static partial Regex Comments();

        [GeneratedRegex(@"enum\s+\w+\s*\{(?<body>[^}]*)\}")]
        private static partial Regex Enumerations();

        [GeneratedRegex(@"^[ \t]*#[ \t]*define[ \t]+(?<name>\w+)[ \t]+(?<value>\S[^\n]*)$", RegexOptions.Multiline)]
        private static partial Regex Defines();

        [GeneratedRegex(@"<<|\w+|[()|+-]")]
        private static partial Regex Tokens();
    }
}
