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
        string header = File.ReadAllText(Path.Combine(Reflect.Guest.RepositoryPaths.Root, "kmod", "uapi", "reflect.h"));

        // Act
        Dictionary<string, object> fromHeader = UapiHeader.Constants(header);
        Dictionary<string, object> fromCSharp = typeof(ReflectUapi)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .ToDictionary(field => field.Name, field => Normalize(field.GetRawConstantValue()!));

        // Assert
        fromHeader.Should().ContainKeys("REFLECT_GENL_NAME", "REFLECT_CMD_GET_STATUS", "REFLECT_STATS_A_OUT_IPV6");
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

    private static object Normalize(object value) =>
        value is string ? value : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads the constants of a uapi header: enumerators (0, then one more than the previous,
    /// unless assigned) and #defines of a string, a number or "(NAME - 1)". The __*_MAX
    /// sentinels are kernel-internal and only serve to evaluate the *_MAX defines.
    /// </summary>
    private static partial class UapiHeader
    {
        public static Dictionary<string, object> Constants(string header)
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

            return values.Where(pair => !pair.Key.StartsWith("__", StringComparison.Ordinal))
                .ToDictionary(pair => pair.Key, pair => pair.Value);
        }

        private static long Evaluate(string expression, Dictionary<string, object> known)
        {
            Match match = Expression().Match(expression);
            if (!match.Success)
            {
                throw new FormatException($"the header test cannot evaluate '{expression}'; extend UapiHeader.Evaluate");
            }

            long term = Term(match.Groups["term"].Value, known);
            return match.Groups["minus"].Success ? term - long.Parse(match.Groups["minus"].Value, CultureInfo.InvariantCulture) : term;
        }

        private static long Term(string term, Dictionary<string, object> known) =>
            term.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                ? long.Parse(term[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                : long.TryParse(term, CultureInfo.InvariantCulture, out long number) ? number : (long)known[term];

        [GeneratedRegex(@"/\*.*?\*/|//[^\n]*", RegexOptions.Singleline)]
        private static partial Regex Comments();

        [GeneratedRegex(@"enum\s+\w+\s*\{(?<body>[^}]*)\}")]
        private static partial Regex Enumerations();

        [GeneratedRegex(@"^[ \t]*#[ \t]*define[ \t]+(?<name>\w+)[ \t]+(?<value>\S[^\n]*)$", RegexOptions.Multiline)]
        private static partial Regex Defines();

        [GeneratedRegex(@"^\(?\s*(?<term>\w+)\s*(?:-\s*(?<minus>\d+))?\s*\)?$")]
        private static partial Regex Expression();
    }
}
