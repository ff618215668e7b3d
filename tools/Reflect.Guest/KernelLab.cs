// SPDX-License-Identifier: MIT
using Reflect.Guest.Build;
using Reflect.Guest.Kernels;
using Reflect.Guest.Timing;
using Reflect.Guest.Vm;

namespace Reflect.Guest;

/// <summary>A kernel made ready for a guest: the unpacked tree and the modules built for it.</summary>
public sealed record PreparedKernel(KernelTree Tree, string ReflectModule, string WarnFixtureModule, string LeakFixtureModule);

/// <summary>
/// The one way tests, benchmarks and the demo get a guest: fetch the kernel, build the modules
/// for it, boot it with the variables every scenario script relies on, and time each stage.
/// </summary>
public sealed class KernelLab(Action<string> progress)
{
    public KernelMatrix Matrix { get; } = KernelMatrix.LoadFromRepository();

    public StageTimings Timings { get; } = new();

    private static string Cache => RepositoryPaths.Cache;

    public async Task<IReadOnlyList<KernelTree>> FetchAsync(IReadOnlyList<KernelSeries> series, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var fetcher = new KernelFetcher(Cache, progress);
        IReadOnlyList<KernelTree> trees = await fetcher.FetchAsync(series, cancellationToken);
        // One resolve serves all series and each carries its share of that time, plus its own
        // unpacking or, for a debug kernel, its build.
        TimeSpan shared = started.Elapsed - fetcher.OwnTimes.Values.Aggregate(TimeSpan.Zero, (sum, t) => sum + t);
        foreach (KernelTree tree in trees)
        {
            Timings.Add(tree.Series, "fetch", shared / trees.Count + fetcher.OwnTimes.GetValueOrDefault(tree.Series));
            Timings.SetKernel(tree.Series, tree.Identity);
        }

        return trees;
    }

    public Task<PreparedKernel> PrepareAsync(KernelTree tree, CancellationToken cancellationToken = default) =>
        Timings.MeasureAsync(tree.Series, "build", async () =>
        {
            var builder = new ModuleBuilder(Cache, progress);
            string reflect = await builder.BuildAsync(tree, ModuleSource.Reflect, cancellationToken);
            string warn = await builder.BuildAsync(tree, ModuleSource.WarnFixture, cancellationToken);
            string leak = await builder.BuildAsync(tree, ModuleSource.LeakFixture, cancellationToken);
            return new PreparedKernel(tree, reflect, warn, leak);
        });

    public Task<QemuGuest> BootAsync(PreparedKernel kernel, GuestOptions? options = null, CancellationToken cancellationToken = default) =>
        Timings.MeasureAsync(kernel.Tree.Series, "boot", async () =>
        {
            QemuGuest guest = await QemuGuest.BootAsync(kernel.Tree, options ?? GuestOptions.For(kernel.Tree), progress, cancellationToken);
            guest.Variables["REFLECT_ROOT"] = RepositoryPaths.Root;
            guest.Variables["REFLECT_SERIES"] = kernel.Tree.Series;
            guest.Variables["REFLECT_KERNEL"] = kernel.Tree.Identity;
            guest.Variables["REFLECT_DEBUG_KERNEL"] = kernel.Tree.IsDebug ? "1" : "0";
            guest.Variables["REFLECT_KO"] = kernel.ReflectModule;
            guest.Variables["WARN_FIXTURE_KO"] = kernel.WarnFixtureModule;
            guest.Variables["LEAK_FIXTURE_KO"] = kernel.LeakFixtureModule;
            guest.Variables["REFLECTCTL"] = RepositoryPaths.ReflectCtl;
            guest.Variables["REFLECT_CACHE"] = Cache;
            // What the appliance scenario installs the packages into: the userland the kernel's
            // modules are built with (the host's, seen under /host in the guest, or its suite's
            // chroot), and that kernel's headers, for DKMS.
            guest.Variables["REFLECT_USERLAND"] = kernel.Tree.ChrootSuite is { } suite
                ? new Kernels.SuiteChroot(Cache, progress).PathOf(suite) : "/host";
            guest.Variables["REFLECT_KERNEL_HEADERS"] = kernel.Tree.HeadersDirectory;
            return guest;
        });

    /// <summary>
    /// The per-kernel stage table and, when scenarios ran, the per-scenario table, for printing.
    /// </summary>
    public string FormatTimings()
    {
        string scenarios = Timings.FormatScenarios();
        return scenarios.Length > 0 ? Timings.Format() + "\nseconds per scenario:\n" + scenarios : Timings.Format();
    }

    /// <summary>
    /// The test suite's tables as files: the per-kernel stage table in <c>artifacts/timings.txt</c>,
    /// the per-scenario table in <c>artifacts/scenario-timings.txt</c> (when scenarios ran); returns
    /// <see cref="FormatTimings"/>. Only the suite writes them, so that a later <c>reflect-guest run</c>
    /// or benchmark does not leave its own table where ci/test's is read.
    /// </summary>
    public string WriteTimings()
    {
        string scenarios = Timings.FormatScenarios();
        Directory.CreateDirectory(RepositoryPaths.Artifacts);
        File.WriteAllText(Path.Combine(RepositoryPaths.Artifacts, "timings.txt"), Timings.Format());
        if (scenarios.Length > 0)
        {
            File.WriteAllText(Path.Combine(RepositoryPaths.Artifacts, "scenario-timings.txt"), scenarios);
        }

        return FormatTimings();
    }
}
