using System.Diagnostics;
using Reflect.Guest.Processes;

namespace Reflect.Guest.Kernels;

/// <summary>
/// Resolves the newest package of each kernel series on the machine's Debian mirror, downloads
/// image, headers, headers-common and kbuild with <c>apt-get download</c> and unpacks them with
/// <c>dpkg -x</c> under <c>&lt;cache&gt;/kernels/&lt;abi&gt;_&lt;version&gt;/</c>. Nothing is installed
/// into the machine. Idempotent (a complete tree is reused), and safe when two runs race (a lock
/// per tree; unpacking happens in a staging directory renamed into place).
/// </summary>
public sealed class KernelFetcher(string cacheDirectory, Action<string> progress)
{
    private const string ImagePrefix = "linux-image-";
    private readonly PrivateApt _apt = new(cacheDirectory);

    public string KernelsDirectory => Path.Combine(cacheDirectory, "kernels");

    public async Task<KernelTree> FetchAsync(KernelSeries series, CancellationToken cancellationToken = default) =>
        (await FetchAsync([series], cancellationToken))[0];

    public async Task<IReadOnlyList<KernelTree>> FetchAsync(IReadOnlyList<KernelSeries> series, CancellationToken cancellationToken = default)
    {
        var machineSources = AptSources.ReadMachineSources();
        IReadOnlyList<ResolvedKernel> resolved;
        using (await CacheLock.AcquireAsync(Path.Combine(cacheDirectory, "apt.lock"), progress, cancellationToken))
        {
            await _apt.UpdateAsync(series.SelectMany(s => s.Suites), machineSources, progress);
            resolved = await ResolveAsync(series);
        }
        var trees = new List<KernelTree>();
        foreach (var kernel in resolved)
        {
            var tree = await UnpackAsync(kernel, cancellationToken);
            if (tree.Toolchain.InChroot)
                await new SuiteChroot(cacheDirectory, progress).EnsureAsync(tree.ChrootSuite!, ChrootPackages(kernel), machineSources, cancellationToken);
            trees.Add(tree);
        }
        return trees;
    }

    private sealed record ResolvedKernel(
        KernelSeries Series, string ImagePackage, string Version, string Suite, string Abi,
        IReadOnlyList<(string Package, string Version)> Packages, Toolchain Toolchain, IReadOnlyList<string> KbuildDependencies);

    private async Task<IReadOnlyList<ResolvedKernel>> ResolveAsync(IReadOnlyList<KernelSeries> series)
    {
        var imageNames = await _apt.PackageNamesAsync(ImagePrefix);
        var hostGlibc = (await Command.RunCheckedAsync("dpkg-query", ["-W", "-f=${Version}", "libc6"])).StandardOutput.Trim();
        var hostGccs = Toolchain.HostCompilers();
        var resolved = new List<ResolvedKernel>();
        foreach (var s in series)
        {
            var offers = await _apt.MadisonAsync(imageNames.Where(name => s.ImagePackage.IsMatch(name)));
            var newest = Newest(offers.Where(o => s.Suites.Contains(o.Suite)))
                ?? throw new InvalidOperationException($"[{s.Name}] no package matching '{s.ImagePackage}' in {string.Join(", ", s.Suites)}");
            var abi = newest.Package[ImagePrefix.Length..];
            // Newer packaging splits the image into linux-{base,binary,modules}-<abi>, on which the
            // linux-image package depends; older images carry everything themselves.
            var imageParts = AptCacheOutput.ParseDepends((await _apt.ShowAsync(newest.Package, newest.Version)).GetValueOrDefault("Depends", ""))
                .Select(d => d.Package).Where(p => p.EndsWith("-" + abi, StringComparison.Ordinal)).Distinct();
            var headers = "linux-headers-" + abi;
            var headerDepends = AptCacheOutput.ParseDepends((await _apt.ShowAsync(headers, newest.Version)).GetValueOrDefault("Depends", ""));
            var common = headerDepends.Where(d => d.Package.StartsWith("linux-headers-", StringComparison.Ordinal) && d.Package.Contains("-common")).Select(d => d.Package).Distinct();
            var kbuild = headerDepends.First(d => d.Package.StartsWith("linux-kbuild-", StringComparison.Ordinal)).Package;
            var kbuildOffers = (await _apt.MadisonAsync([kbuild])).Where(o => s.Suites.Contains(o.Suite)).ToList();
            var kbuildVersion = kbuildOffers.FirstOrDefault(o => o.Version == newest.Version)?.Version
                ?? Newest(kbuildOffers)?.Version
                ?? throw new InvalidOperationException($"[{s.Name}] {kbuild} is not on the mirror");
            var kbuildDepends = AptCacheOutput.ParseDepends((await _apt.ShowAsync(kbuild, kbuildVersion)).GetValueOrDefault("Depends", ""));
            var glibc = kbuildDepends.FirstOrDefault(d => d.Package == "libc6").Version;
            var toolchain = Toolchain.Choose(Toolchain.RequiredGcc(headerDepends.Select(d => d.Package)), glibc, newest.Suite, hostGlibc, hostGccs);
            List<(string, string)> packages = [(newest.Package, newest.Version), .. imageParts.Select(p => (p, newest.Version)), (headers, newest.Version), .. common.Select(c => (c, newest.Version)), (kbuild, kbuildVersion)];
            progress($"[{s.Name}] newest is {newest.Package} {newest.Version} ({newest.Suite}); toolchain: {toolchain}");
            resolved.Add(new ResolvedKernel(s, newest.Package, newest.Version, newest.Suite, abi, packages, toolchain,
                kbuildDepends.Select(d => d.Package).ToList()));
        }
        return resolved;
    }

    private static PackageOffer? Newest(IEnumerable<PackageOffer> offers) =>
        offers.OrderDescending(Comparer<PackageOffer>.Create((a, b) => DebianVersion.Compare(a.Version, b.Version))).FirstOrDefault();

    private static IEnumerable<string> ChrootPackages(ResolvedKernel kernel) =>
        new[] { kernel.Toolchain.Compiler, "make", "libc6-dev" }
            .Concat(kernel.KbuildDependencies.Where(p => p != "libc6"))
            .Distinct();

    private async Task<KernelTree> UnpackAsync(ResolvedKernel kernel, CancellationToken cancellationToken)
    {
        var name = $"{kernel.Abi}_{kernel.Version.Replace(':', '_')}";
        var final = Path.Combine(KernelsDirectory, name);
        using var treeLock = await CacheLock.AcquireAsync(Path.Combine(KernelsDirectory, name + ".lock"), progress, cancellationToken);
        var existing = KernelTree.Load(final);
        if (existing is not null)
        {
            progress($"[{kernel.Series.Name}] cached: {existing.Identity}");
            return existing with { Series = kernel.Series.Name };
        }
        var clock = Stopwatch.StartNew();
        var staging = Path.Combine(KernelsDirectory, $".staging-{name}-{Environment.ProcessId}");
        if (Directory.Exists(staging))
            Directory.Delete(staging, recursive: true);
        var debs = Path.Combine(staging, "debs");
        var root = Path.Combine(staging, "root");
        Directory.CreateDirectory(debs);
        Directory.CreateDirectory(root);

        progress($"[{kernel.Series.Name}] downloading {string.Join(", ", kernel.Packages.Select(p => p.Package))}");
        await _apt.DownloadAsync(kernel.Packages, debs);
        var files = Directory.GetFiles(debs, "*.deb").Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            progress($"[{kernel.Series.Name}] unpacking {i + 1}/{files.Count}: {Path.GetFileName(files[i])}");
            await Command.RunCheckedAsync("dpkg", ["-x", files[i], root], cancellationToken: cancellationToken);
        }
        Directory.Delete(debs, recursive: true);

        var finalRoot = Path.Combine(final, "root");
        var headersDirectory = Path.Combine("usr", "src", "linux-headers-" + kernel.Abi);
        RedirectCommonHeaders(Path.Combine(root, headersDirectory), Path.Combine(finalRoot, "usr", "src"));
        // Merged-/usr packages (7.x) ship modules under usr/lib; depmod -b looks under lib/.
        if (!Directory.Exists(Path.Combine(root, "lib")))
            File.CreateSymbolicLink(Path.Combine(root, "lib"), "usr/lib");
        await Command.RunCheckedAsync("depmod", ["-b", root, kernel.Abi], cancellationToken: cancellationToken);
        // The image is /boot/vmlinuz-<abi>, or (newer packaging) vmlinuz in the modules directory.
        var image = Path.Combine("boot", "vmlinuz-" + kernel.Abi);
        var modules = Directory.Exists(Path.Combine(root, "usr", "lib", "modules", kernel.Abi))
            ? Path.Combine("usr", "lib", "modules") : Path.Combine("lib", "modules");

        var tree = new KernelTree(
            kernel.Series.Name, kernel.ImagePackage, kernel.Version, kernel.Abi, kernel.Suite,
            finalRoot,
            Path.Combine(finalRoot, headersDirectory),
            Path.Combine(finalRoot, modules),
            Path.Combine(finalRoot, File.Exists(Path.Combine(root, image)) ? image : Path.Combine(modules, kernel.Abi, "vmlinuz")),
            kernel.Toolchain.Compiler, kernel.Toolchain.ChrootSuite,
            kernel.Packages.Select(p => $"{p.Package} {p.Version}").ToList());
        tree.Save(staging);
        if (Directory.Exists(final))
            Directory.Delete(final, recursive: true);
        Directory.Move(staging, final);
        progress($"[{kernel.Series.Name}] ready in {clock.Elapsed.TotalSeconds:F1} s: {tree.Identity}");
        return tree;
    }

    /// <summary>
    /// Debian's per-flavour headers Makefile names the -common tree (and, since 6.x packaging, its own
    /// KBUILD_OUTPUT) by installed absolute paths under /usr/src; point them at the unpacked copy.
    /// </summary>
    private static void RedirectCommonHeaders(string headersDirectory, string unpackedSources)
    {
        var makefile = Path.Combine(headersDirectory, "Makefile");
        var text = File.ReadAllText(makefile);
        File.WriteAllText(makefile, System.Text.RegularExpressions.Regex.Replace(text, @"(?<=[\s=])/usr/src/", unpackedSources + "/"));
    }
}
