// SPDX-License-Identifier: MIT
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
    private readonly Dictionary<string, TimeSpan> _ownTimes = [];

    /// <summary>
    /// What each series of the last fetch took on its own (unpacking, a chroot, a debug kernel's
    /// build), beside the package-list update and resolve that all of them shared.
    /// </summary>
    public IReadOnlyDictionary<string, TimeSpan> OwnTimes => _ownTimes;

    private const string ImagePrefix = "linux-image-";
    private readonly PrivateApt _apt = new(cacheDirectory);

    public string KernelsDirectory => Path.Combine(cacheDirectory, "kernels");

    public async Task<KernelTree> FetchAsync(KernelSeries series, CancellationToken cancellationToken = default) =>
        (await FetchAsync([series], cancellationToken))[0];

    public async Task<IReadOnlyList<KernelTree>> FetchAsync(IReadOnlyList<KernelSeries> series, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<AptSource> machineSources = AptSources.ReadMachineSources();
        var images = series.Where(s => !s.IsDebug).ToList();
        var sources = series.Where(s => s.IsDebug).ToList();
        IReadOnlyList<ResolvedKernel> resolved;
        IReadOnlyList<PackageOffer> sourceOffers;
        using (await CacheLock.AcquireAsync(Path.Combine(cacheDirectory, "apt.lock"), progress, cancellationToken))
        {
            await _apt.UpdateAsync(series.SelectMany(s => s.Suites), machineSources, progress);
            resolved = images.Count > 0 ? await ResolveAsync(images) : [];
            sourceOffers = await ResolveSourcesAsync(sources);
        }

        var trees = new Dictionary<string, KernelTree>();
        _ownTimes.Clear();
        foreach (ResolvedKernel kernel in resolved)
        {
            var clock = Stopwatch.StartNew();
            KernelTree tree = await UnpackAsync(kernel, cancellationToken);
            if (tree.Toolchain.InChroot)
            {
                await new SuiteChroot(cacheDirectory, progress).EnsureAsync(tree.ChrootSuite!, ChrootPackages(kernel), machineSources, cancellationToken);
            }

            trees[tree.Series] = tree;
            _ownTimes[tree.Series] = clock.Elapsed;
        }

        var builder = new SourceKernelBuilder(cacheDirectory, _apt, progress);
        foreach ((KernelSeries source, PackageOffer offer) in sources.Zip(sourceOffers))
        {
            var clock = Stopwatch.StartNew();
            trees[source.Name] = await builder.BuildAsync(source, offer, cancellationToken);
            _ownTimes[source.Name] = clock.Elapsed;
        }

        return series.Select(s => trees[s.Name]).ToList();
    }

    /// <summary>The newest source package of each debug series, in one apt-cache call for all.</summary>
    private async Task<IReadOnlyList<PackageOffer>> ResolveSourcesAsync(List<KernelSeries> series)
    {
        if (series.Count == 0)
        {
            return [];
        }

        IReadOnlyList<string> names = await _apt.PackageNamesAsync("linux-source-");
        IReadOnlyList<PackageOffer> offers = await _apt.MadisonAsync(names.Where(name => series.Any(s => s.ImagePackage.IsMatch(name))));
        return series.Select(s =>
        {
            PackageOffer newest = Newest(offers.Where(o => s.ImagePackage.IsMatch(o.Package) && s.Suites.Contains(o.Suite)))
                ?? throw new InvalidOperationException($"[{s.Name}] no source package matching '{s.ImagePackage}' in {string.Join(", ", s.Suites)}");
            progress($"[{s.Name}] newest is {newest.Package} {newest.Version} ({newest.Suite}); built with ci/debug.config");
            return newest;
        }).ToList();
    }

    private sealed record ResolvedKernel(
        KernelSeries Series, string ImagePackage, string Version, string Suite, string Abi,
        IReadOnlyList<(string Package, string Version)> Packages, Toolchain Toolchain, IReadOnlyList<string> KbuildDependencies);

    /// <summary>
    /// Resolves every series with a handful of apt-cache calls for all of them together (each call
    /// reads the package lists of every suite, which takes seconds).
    /// </summary>
    private async Task<IReadOnlyList<ResolvedKernel>> ResolveAsync(List<KernelSeries> series)
    {
        IReadOnlyList<string> imageNames = await _apt.PackageNamesAsync(ImagePrefix);
        IReadOnlyList<PackageOffer> imageOffers = await _apt.MadisonAsync(imageNames.Where(name => series.Any(s => s.ImagePackage.IsMatch(name))));
        var images = series.Select(s => Newest(imageOffers.Where(o => s.ImagePackage.IsMatch(o.Package) && s.Suites.Contains(o.Suite)))
            ?? throw new InvalidOperationException($"[{s.Name}] no package matching '{s.ImagePackage}' in {string.Join(", ", s.Suites)}")).ToList();
        var abis = images.Select(i => i.Package[ImagePrefix.Length..]).ToList();
        IReadOnlyDictionary<(string Package, string Version), IReadOnlyDictionary<string, string>> controls =
            await _apt.ShowAsync(images.SelectMany((image, i) => new[] { (image.Package, image.Version), (Headers(abis[i]), image.Version) }));
        var headerDepends = images.Select((image, i) => Depends(controls, Headers(abis[i]), image.Version)).ToList();
        var kbuilds = headerDepends.Select(d => d.First(p => p.StartsWith("linux-kbuild-", StringComparison.Ordinal))).ToList();
        IReadOnlyList<PackageOffer> kbuildOffers = await _apt.MadisonAsync(kbuilds.Distinct());
        var kbuildVersions = series.Select((s, i) =>
        {
            var offers = kbuildOffers.Where(o => o.Package == kbuilds[i] && s.Suites.Contains(o.Suite)).ToList();
            return offers.FirstOrDefault(o => o.Version == images[i].Version)?.Version
                ?? Newest(offers)?.Version
                ?? throw new InvalidOperationException($"[{s.Name}] {kbuilds[i]} is not on the mirror");
        }).ToList();
        IReadOnlyDictionary<(string Package, string Version), IReadOnlyDictionary<string, string>> kbuildControls =
            await _apt.ShowAsync(kbuilds.Zip(kbuildVersions));

        string hostGlibc = (await Command.RunCheckedAsync("dpkg-query", ["-W", "-f=${Version}", "libc6"])).StandardOutput.Trim();
        IReadOnlyCollection<int> hostGccs = Toolchain.HostCompilers();
        var resolved = new List<ResolvedKernel>();
        for (int i = 0; i < series.Count; i++)
        {
            (PackageOffer image, string abi) = (images[i], abis[i]);
            // Newer packaging splits the image into linux-{base,binary,modules}-<abi>, on which the
            // linux-image package depends; older images carry everything themselves.
            IEnumerable<string> imageParts = Depends(controls, image.Package, image.Version).Where(p => p.EndsWith("-" + abi, StringComparison.Ordinal));
            IEnumerable<string> common = headerDepends[i].Where(p => p.StartsWith("linux-headers-", StringComparison.Ordinal) && p.Contains("-common"));
            IReadOnlyList<(string Package, string? Operator, string? Version)> kbuildRelations =
                AptCacheOutput.ParseDepends(kbuildControls[(kbuilds[i], kbuildVersions[i])].GetValueOrDefault("Depends", ""));
            string? glibc = kbuildRelations.FirstOrDefault(d => d.Package == "libc6").Version;
            var toolchain = Toolchain.Choose(Toolchain.RequiredGcc(headerDepends[i]), glibc, image.Suite, hostGlibc, hostGccs);
            List<(string, string)> packages =
            [
                (image.Package, image.Version), .. imageParts.Select(p => (p, image.Version)),
                (Headers(abi), image.Version), .. common.Select(c => (c, image.Version)),
                (kbuilds[i], kbuildVersions[i]),
            ];
            progress($"[{series[i].Name}] newest is {image.Package} {image.Version} ({image.Suite}); toolchain: {toolchain}");
            resolved.Add(new ResolvedKernel(series[i], image.Package, image.Version, image.Suite, abi, packages, toolchain,
                kbuildRelations.Select(d => d.Package).ToList()));
        }

        return resolved;
    }

    private static string Headers(string abi) => "linux-headers-" + abi;

    private static List<string> Depends(IReadOnlyDictionary<(string, string), IReadOnlyDictionary<string, string>> controls, string package, string version) =>
        AptCacheOutput.ParseDepends(controls[(package, version)].GetValueOrDefault("Depends", "")).Select(d => d.Package).Distinct().ToList();

    private static PackageOffer? Newest(IEnumerable<PackageOffer> offers) =>
        offers.OrderDescending(Comparer<PackageOffer>.Create((a, b) => DebianVersion.Compare(a.Version, b.Version))).FirstOrDefault();

    /// <summary>
    /// What a suite's chroot holds: the kernel's compiler and kbuild's needs, and dkms, with which
    /// the appliance scenario installs the reflect-dkms package into that userland in the guest.
    /// </summary>
    private static IEnumerable<string> ChrootPackages(ResolvedKernel kernel) =>
        new[] { kernel.Toolchain.Compiler, "make", "libc6-dev", "dkms" }
            .Concat(kernel.KbuildDependencies.Where(p => p != "libc6"))
            .Distinct();

    private async Task<KernelTree> UnpackAsync(ResolvedKernel kernel, CancellationToken cancellationToken)
    {
        string name = $"{kernel.Abi}_{kernel.Version.Replace(':', '_')}";
        string final = Path.Combine(KernelsDirectory, name);
        using CacheLock treeLock = await CacheLock.AcquireAsync(Path.Combine(KernelsDirectory, name + ".lock"), progress, cancellationToken);
        var existing = KernelTree.Load(final);
        if (existing is not null)
        {
            progress($"[{kernel.Series.Name}] cached: {existing.Identity}");
            return existing with { Series = kernel.Series.Name };
        }

        var clock = Stopwatch.StartNew();
        string staging = Path.Combine(KernelsDirectory, $".staging-{name}-{Environment.ProcessId}");
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        string debs = Path.Combine(staging, "debs");
        string root = Path.Combine(staging, "root");
        Directory.CreateDirectory(debs);
        Directory.CreateDirectory(root);

        progress($"[{kernel.Series.Name}] downloading {string.Join(", ", kernel.Packages.Select(p => p.Package))}");
        await _apt.DownloadAsync(kernel.Packages, debs);
        var files = Directory.GetFiles(debs, "*.deb").Order(StringComparer.Ordinal).ToList();
        for (int i = 0; i < files.Count; i++)
        {
            progress($"[{kernel.Series.Name}] unpacking {i + 1}/{files.Count}: {Path.GetFileName(files[i])}");
            await Command.RunCheckedAsync("dpkg", ["-x", files[i], root], cancellationToken: cancellationToken);
        }

        Directory.Delete(debs, recursive: true);

        string finalRoot = Path.Combine(final, "root");
        string headersDirectory = Path.Combine("usr", "src", "linux-headers-" + kernel.Abi);
        RedirectCommonHeaders(Path.Combine(root, headersDirectory), Path.Combine(finalRoot, "usr", "src"));
        // Merged-/usr packages (7.x) ship modules under usr/lib; depmod -b looks under lib/.
        if (!Directory.Exists(Path.Combine(root, "lib")))
        {
            File.CreateSymbolicLink(Path.Combine(root, "lib"), "usr/lib");
        }

        await Command.RunCheckedAsync("depmod", ["-b", root, kernel.Abi], cancellationToken: cancellationToken);
        // The image is /boot/vmlinuz-<abi>, or (newer packaging) vmlinuz in the modules directory.
        string image = Path.Combine("boot", "vmlinuz-" + kernel.Abi);
        string modules = Directory.Exists(Path.Combine(root, "usr", "lib", "modules", kernel.Abi))
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
        {
            Directory.Delete(final, recursive: true);
        }

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
        string makefile = Path.Combine(headersDirectory, "Makefile");
        string text = File.ReadAllText(makefile);
        File.WriteAllText(makefile, System.Text.RegularExpressions.Regex.Replace(text, @"(?<=[\s=])/usr/src/", unpackedSources + "/"));
    }
}
