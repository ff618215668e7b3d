// SPDX-License-Identifier: MIT
using Reflect.Guest.Processes;

namespace Reflect.Guest.Kernels;

/// <summary>
/// apt-get and apt-cache with a configuration of our own (sources list, lists and archives under
/// the cache), adding the suites the matrix needs without touching /etc/apt.
/// </summary>
public sealed class PrivateApt
{
    private static readonly TimeSpan ListsMaxAge = TimeSpan.FromHours(1);
    private readonly string _directory;

    public PrivateApt(string cacheDirectory) => _directory = Path.Combine(cacheDirectory, "apt");

    private string SourcesList => Path.Combine(_directory, "sources.list");
    private string Lists => Path.Combine(_directory, "lists");

    private IEnumerable<string> Options =>
    [
        "-o", $"Dir::Etc::SourceList={SourcesList}",
        "-o", "Dir::Etc::SourceParts=/dev/null",
        "-o", $"Dir::State::Lists={Lists}",
        "-o", $"Dir::Cache={Path.Combine(_directory, "cache")}",
        "-o", "APT::Architecture=amd64",
        "-o", "APT::Sandbox::User=root",
        "-o", "Debug::NoLocking=1",
        "-q",
    ];

    /// <summary>
    /// Writes the private sources list for <paramref name="suites"/> and refreshes the package lists
    /// when they are missing, older than an hour, or were made for other suites. Callers hold the
    /// cache lock.
    /// </summary>
    public async Task UpdateAsync(IEnumerable<string> suites, IReadOnlyList<AptSource> machineSources, Action<string> progress)
    {
        Directory.CreateDirectory(Path.Combine(Lists, "partial"));
        Directory.CreateDirectory(Path.Combine(_directory, "cache", "archives", "partial"));
        IEnumerable<string> lines = suites.Distinct().Order(StringComparer.Ordinal).Select(suite =>
        {
            AptSource mirror = AptSources.MirrorFor(machineSources, suite);
            string signedBy = mirror.SignedBy ?? "/usr/share/keyrings/debian-archive-keyring.gpg";
            return $"deb [signed-by={signedBy}] {mirror.Uri} {suite} main";
        });
        string content = string.Join('\n', lines) + "\n";
        string stamp = Path.Combine(_directory, "updated");
        string current = File.Exists(SourcesList) ? await File.ReadAllTextAsync(SourcesList) : "";
        if (current == content && File.Exists(stamp) && DateTime.UtcNow - File.GetLastWriteTimeUtc(stamp) < ListsMaxAge)
        {
            return;
        }

        await File.WriteAllTextAsync(SourcesList, content);
        progress("updating package lists of " + string.Join(", ", suites.Distinct()));
        await Command.RunCheckedAsync("apt-get", [.. Options, "update"], TimeSpan.FromMinutes(10));
        await File.WriteAllTextAsync(stamp, DateTime.UtcNow.ToString("O"));
    }

    public async Task<IReadOnlyList<string>> PackageNamesAsync(string prefix)
    {
        CommandResult result = await Command.RunCheckedAsync("apt-cache", [.. Options, "pkgnames", prefix]);
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>Every (package, version, suite) the mirror offers for <paramref name="packages"/>.</summary>
    public async Task<IReadOnlyList<PackageOffer>> MadisonAsync(IEnumerable<string> packages)
    {
        var names = packages.ToList();
        if (names.Count == 0)
        {
            return [];
        }

        CommandResult result = await Command.RunCheckedAsync("apt-cache", [.. Options, "madison", .. names]);
        return AptCacheOutput.ParseMadison(result.StandardOutput);
    }

    /// <summary>The control fields of package versions (<c>apt-cache show name=version ...</c>), by (name, version).</summary>
    public async Task<IReadOnlyDictionary<(string Package, string Version), IReadOnlyDictionary<string, string>>> ShowAsync(
        IEnumerable<(string Package, string Version)> packages)
    {
        var wanted = packages.Distinct().ToList();
        CommandResult result = await Command.RunCheckedAsync("apt-cache", [.. Options, "show", .. wanted.Select(p => $"{p.Package}={p.Version}")]);
        var stanzas = AptCacheOutput.ParseStanzas(result.StandardOutput)
            .GroupBy(f => (f.GetValueOrDefault("Package", ""), f.GetValueOrDefault("Version", "")))
            .ToDictionary(g => g.Key, g => g.First());
        foreach ((string Package, string Version) package in wanted.Where(p => !stanzas.ContainsKey(p)))
        {
            throw new InvalidOperationException($"apt-cache show gave nothing for {package.Package}={package.Version}");
        }

        return stanzas;
    }

    /// <summary>Downloads the given package versions into <paramref name="directory"/>.</summary>
    public Task DownloadAsync(IEnumerable<(string Package, string Version)> packages, string directory) =>
        Command.RunCheckedAsync("apt-get", [.. Options, "download", .. packages.Select(p => $"{p.Package}={p.Version}")],
            TimeSpan.FromMinutes(15), workingDirectory: directory);
}

public sealed record PackageOffer(string Package, string Version, string Suite);

/// <summary>Parsers for apt-cache's text output, apart from running it.</summary>
public static class AptCacheOutput
{
    /// <summary>Lines like <c>pkg | 6.1.192-2 | http://mirror/debian bookworm-security/main amd64 Packages</c>.</summary>
    public static IReadOnlyList<PackageOffer> ParseMadison(string text)
    {
        var offers = new List<PackageOffer>();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = line.Split('|', StringSplitOptions.TrimEntries);
            if (fields.Length < 3)
            {
                continue;
            }

            string[] origin = fields[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (origin.Length < 2)
            {
                continue;
            }

            offers.Add(new PackageOffer(fields[0], fields[1], origin[1].Split('/')[0]));
        }

        return offers;
    }

    /// <summary>The stanzas of a control-format text, continuation lines joined.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> ParseStanzas(string text)
    {
        var stanzas = new List<IReadOnlyDictionary<string, string>>();
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (string line in text.Replace("\r", "").Split('\n').Append(""))
        {
            if (line.Length == 0)
            {
                if (fields.Count > 0)
                {
                    stanzas.Add(fields);
                }

                fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                last = null;
                continue;
            }

            if (char.IsWhiteSpace(line[0]) && last is not null)
            {
                fields[last] += "\n" + line.Trim();
                continue;
            }

            int colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            last = line[..colon];
            fields[last] = line[(colon + 1)..].Trim();
        }

        return stanzas;
    }

    /// <summary>
    /// The relations of a Depends field: each alternative's package name with its optional
    /// version constraint, e.g. <c>libc6 (&gt;= 2.38)</c> gives ("libc6", "&gt;=", "2.38").
    /// </summary>
    public static IReadOnlyList<(string Package, string? Operator, string? Version)> ParseDepends(string depends)
    {
        var relations = new List<(string, string?, string?)>();
        foreach (string alternative in depends.Split([',', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int open = alternative.IndexOf('(');
            string name = (open >= 0 ? alternative[..open] : alternative).Trim().Split(':')[0];
            if (open < 0)
            {
                relations.Add((name, null, null));
                continue;
            }

            string constraint = alternative[(open + 1)..alternative.IndexOf(')')].Trim();
            string op = new string(constraint.TakeWhile(c => "<>=".Contains(c)).ToArray());
            relations.Add((name, op, constraint[op.Length..].Trim()));
        }

        return relations;
    }
}
