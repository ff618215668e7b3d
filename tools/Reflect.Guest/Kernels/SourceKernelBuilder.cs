// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Security.Cryptography;
using Reflect.Guest.Processes;

namespace Reflect.Guest.Kernels;

/// <summary>
/// Builds a debug kernel from Debian's <c>linux-source-&lt;series&gt;</c> package with the
/// configuration fragment <c>ci/debug.config</c> (build-kernel.sh beside this file does the
/// steps), under <c>&lt;cache&gt;/kernels/&lt;package&gt;_&lt;version&gt;_&lt;fragment hash&gt;/</c>.
/// The directory is the cache key: another source version or another fragment builds anew, the
/// same ones reuse the tree. The build happens in place (the kernel's build tree holds absolute
/// paths, so it cannot be renamed afterwards); <c>kernel.json</c>, written last, marks it complete,
/// and a lock keeps two runs from building the same tree at once.
/// </summary>
public sealed class SourceKernelBuilder(string cacheDirectory, PrivateApt apt, Action<string> progress)
{
    /// <summary>A cold build on two cores takes well under an hour; this bounds a hung one.</summary>
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromHours(2);

    public static string Fragment => Path.Combine(RepositoryPaths.Root, "ci", "debug.config");

    private static string Script => Path.Combine(RepositoryPaths.Root, "tools", "Reflect.Guest", "Kernels", "build-kernel.sh");

    /// <summary>The first 12 hex digits of the fragment's SHA-256: part of the cache key and of the kernel's identity.</summary>
    public static string FragmentHash() =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Fragment)))[..12];

    public async Task<KernelTree> BuildAsync(KernelSeries series, PackageOffer source, CancellationToken cancellationToken = default)
    {
        string hash = FragmentHash();
        string name = $"{source.Package}_{source.Version.Replace(':', '_')}_{hash}";
        string directory = Path.Combine(cacheDirectory, "kernels", name);
        Directory.CreateDirectory(Path.GetDirectoryName(directory)!);
        using CacheLock treeLock = await CacheLock.AcquireAsync(directory + ".lock", progress, cancellationToken);
        var existing = KernelTree.Load(directory);
        if (existing is not null)
        {
            progress($"[{series.Name}] cached: {existing.Identity}");
            return existing with { Series = series.Name };
        }

        var clock = Stopwatch.StartNew();
        string release = Path.Combine(directory, "release");
        // build-kernel.sh writes the release string as its last step: a tree that has it is built.
        if (!File.Exists(release))
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            string package = Path.Combine(directory, "package");
            Directory.CreateDirectory(package);
            progress($"[{series.Name}] downloading {source.Package} {source.Version}");
            await apt.DownloadAsync([(source.Package, source.Version)], package);
            string deb = Directory.GetFiles(package, "*.deb").Single();
            await Command.RunCheckedAsync("dpkg", ["-x", deb, package], cancellationToken: cancellationToken);
            string tarball = Directory.GetFiles(Path.Combine(package, "usr", "src"), "linux-source-*.tar.*").Single();
            progress($"[{series.Name}] building {source.Package} {source.Version} with ci/debug.config ({hash}); progress below, the whole log in {directory}/build.log");
            CommandResult result = await Command.RunAsync("bash", [Script, tarball, Fragment, directory], BuildTimeout,
                onOutputLine: line => progress($"[{series.Name}] {line}"), cancellationToken: cancellationToken);
            result.EnsureSuccess();
            Directory.Delete(package, recursive: true);
        }

        string abi = (await File.ReadAllTextAsync(release, cancellationToken)).Trim();
        var tree = new KernelTree(
            series.Name, source.Package, source.Version, abi, source.Suite,
            directory,
            HeadersDirectory: Path.Combine(directory, "build"),
            ModulesDirectory: Path.Combine(directory, "root", "lib", "modules"),
            Image: Path.Combine(directory, "build", "arch", "x86", "boot", "bzImage"),
            // build-kernel.sh builds with the machine's default gcc; modules must use the same.
            Compiler: "gcc",
            ChrootSuite: null,
            Packages: [$"{source.Package} {source.Version}"],
            DebugConfig: hash);
        tree.Save(directory);
        progress($"[{series.Name}] ready in {clock.Elapsed.TotalMinutes:F1} min: {tree.Identity}");
        return tree;
    }
}
