// SPDX-License-Identifier: MIT
using System.Text.RegularExpressions;

namespace Reflect.Guest.Kernels;

/// <summary>One "deb" source of the machine's apt configuration.</summary>
public sealed record AptSource(string Uri, IReadOnlyList<string> Suites, string? SignedBy);

/// <summary>
/// Reads the Debian mirror the machine already uses from its own apt sources (both the one-line
/// and the deb822 format), so that the repository never names a mirror host itself.
/// </summary>
public static partial class AptSources
{
    [GeneratedRegex(@"^(buster|bullseye|bookworm|trixie|forky|duke|sid|stable|testing|unstable|oldstable)(-updates|-backports|-security)?$")]
    private static partial Regex DebianSuite();

    public static IReadOnlyList<AptSource> ReadMachineSources(string etcApt = "/etc/apt")
    {
        var sources = new List<AptSource>();
        var files = new List<string>();
        if (File.Exists(Path.Combine(etcApt, "sources.list")))
        {
            files.Add(Path.Combine(etcApt, "sources.list"));
        }

        string parts = Path.Combine(etcApt, "sources.list.d");
        if (Directory.Exists(parts))
        {
            files.AddRange(Directory.GetFiles(parts).Order(StringComparer.Ordinal));
        }

        foreach (string file in files)
        {
            if (file.EndsWith(".list", StringComparison.Ordinal))
            {
                sources.AddRange(ParseOneLine(File.ReadAllText(file)));
            }
            else if (file.EndsWith(".sources", StringComparison.Ordinal))
            {
                sources.AddRange(ParseDeb822(File.ReadAllText(file)));
            }
        }

        return sources;
    }

    /// <summary>The classic format: <c>deb [options] uri suite component...</c>.</summary>
    public static IEnumerable<AptSource> ParseOneLine(string text)
    {
        foreach (string rawLine in text.Split('\n'))
        {
            string line = rawLine.Split('#', 2)[0].Trim();
            if (!line.StartsWith("deb ", StringComparison.Ordinal))
            {
                continue;
            }

            string? signedBy = null;
            string rest = line[4..].Trim();
            if (rest.StartsWith('['))
            {
                int end = rest.IndexOf(']');
                foreach (string option in rest[1..end].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (option.StartsWith("signed-by=", StringComparison.Ordinal))
                    {
                        signedBy = option["signed-by=".Length..];
                    }
                }

                rest = rest[(end + 1)..].Trim();
            }

            string[] fields = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 2)
            {
                yield return new AptSource(fields[0].TrimEnd('/'), [fields[1]], signedBy);
            }
        }
    }

    /// <summary>The deb822 format: stanzas of <c>Types:</c>, <c>URIs:</c>, <c>Suites:</c>, <c>Signed-By:</c>.</summary>
    public static IEnumerable<AptSource> ParseDeb822(string text)
    {
        foreach (string stanza in Regex.Split(text.Replace("\r", ""), @"\n\s*\n"))
        {
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (string rawLine in stanza.Split('\n'))
            {
                if (rawLine.TrimStart().StartsWith('#'))
                {
                    continue;
                }

                int colon = rawLine.IndexOf(':');
                if (colon > 0 && !char.IsWhiteSpace(rawLine[0]))
                {
                    fields[rawLine[..colon].Trim()] = rawLine[(colon + 1)..].Trim();
                }
            }

            if (!fields.TryGetValue("Types", out string? types) || !types.Split(' ').Contains("deb"))
            {
                continue;
            }

            if (fields.TryGetValue("Enabled", out string? enabled) && enabled == "no")
            {
                continue;
            }

            if (!fields.TryGetValue("URIs", out string? uris) || !fields.TryGetValue("Suites", out string? suites))
            {
                continue;
            }

            fields.TryGetValue("Signed-By", out string? signedBy);
            string[] suiteList = suites.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (string uri in uris.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                yield return new AptSource(uri.TrimEnd('/'), suiteList, string.IsNullOrEmpty(signedBy) ? null : signedBy);
            }
        }
    }

    /// <summary>
    /// The mirror for <paramref name="suite"/>: a "-security" suite comes from the machine's security
    /// source, any other Debian suite from its main archive source.
    /// </summary>
    public static AptSource MirrorFor(IReadOnlyList<AptSource> sources, string suite)
    {
        bool wantSecurity = suite.EndsWith("-security", StringComparison.Ordinal);
        IEnumerable<AptSource> candidates = sources.Where(s => s.Suites.Any(x => DebianSuite().IsMatch(x)
            && x.EndsWith("-security", StringComparison.Ordinal) == wantSecurity));
        return candidates.FirstOrDefault()
            ?? throw new InvalidOperationException(
                $"the machine's apt sources (/etc/apt/sources.list*) name no Debian {(wantSecurity ? "security" : "archive")} mirror to fetch suite '{suite}' from");
    }
}
