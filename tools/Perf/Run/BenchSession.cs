// SPDX-License-Identifier: MIT
using System.Diagnostics;
using Reflect.Guest;
using Reflect.Guest.Kernels;
using Reflect.Guest.Processes;
using Reflect.Guest.Vm;
using Reflect.Perf.Plan;
using Reflect.Perf.Protocol;
using Reflect.Perf.Results;
using Reflect.Perf.Statistics;

namespace Reflect.Perf.Run;

/// <summary>
/// A whole benchmark: every selected kernel fetched (one resolve for all), then for each kernel
/// (one at a time in wall-clock time, one per core in instruction time: <see cref="GuestsAtOnce"/>):
/// build, boot, run bench.sh (<see cref="KernelBench"/>), power off. A kernel that fails keeps
/// what it measured and its error; the other kernels still run.
/// </summary>
internal sealed class BenchSession(BenchSettings settings, Action<string> progress, Action<string> diagnostics)
{
    /// <param name="afterKernel">Called with the finished kernels of the run so far after each kernel (results.json is rewritten then).</param>
    public async Task<BenchRun> RunAsync(string kernelSelection, string command, Action<BenchRun> afterKernel, CancellationToken cancellationToken)
    {
        if (!File.Exists(BenchScript.DefaultPath))
        {
            throw new InvalidOperationException($"{BenchScript.DefaultPath} is missing: the guest side of the benchmark");
        }

        var lab = new KernelLab(diagnostics);
        // A debug kernel measures its own sanitizers, not reflection: "all" leaves it out, naming it runs it.
        IReadOnlyList<KernelSeries> series = lab.Matrix.Select(kernelSelection)
            .Where(s => !s.IsDebug || kernelSelection.Split(',').Select(n => n.Trim()).Contains(s.Name)).ToList();
        var run = new BenchRun
        {
            Command = command,
            StartedAt = DateTimeOffset.Now,
            QemuVersion = await HostFacts.QemuVersionAsync(cancellationToken),
            HostCpu = HostFacts.CpuModel(),
            Settings = settings,
        };
        TimeSpan estimate = StepCosts.Assumed.Estimate(BenchPlan.Whole(settings), withGuestStart: true);
        progress($"kernels: {string.Join(", ", series)}; about {ProgressLog.Minutes(estimate)} per kernel (estimated before any step ran)");
        IReadOnlyList<KernelTree> trees = await lab.FetchAsync(series, cancellationToken);
        // results.json is rewritten after each kernel; kernels may finish side by side.
        object gate = new();
        await Parallel.ForEachAsync(trees, new ParallelOptions { MaxDegreeOfParallelism = GuestsAtOnce(settings), CancellationToken = CancellationToken.None }, async (tree, _) =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            var kernel = new KernelRun
            {
                Series = tree.Series,
                ImagePackage = tree.ImagePackage,
                PackageVersion = tree.Version,
                Packages = tree.Packages,
                QemuVersion = run.QemuVersion,
                HostCpu = run.HostCpu,
                StartedAt = DateTimeOffset.Now,
                BenchId = Random.Shared.Next(0x10000).ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
            };
            lock (gate)
            {
                run.Kernels.Add(kernel);
            }

            progress($"[{tree.Series}] {tree.Identity}");
            try
            {
                var clock = Stopwatch.StartNew();
                PreparedKernel prepared = await lab.PrepareAsync(tree, cancellationToken);
                kernel.BuildSeconds = clock.Elapsed.TotalSeconds;
                clock.Restart();
                GuestOptions options = settings.Clock == BenchClock.Icount ? GuestOptions.For(tree).InInstructionTime() : GuestOptions.For(tree);
                await using QemuGuest guest = await lab.BootAsync(prepared, options, cancellationToken);
                kernel.BootSeconds = clock.Elapsed.TotalSeconds;
                var bench = new BenchScript(new QemuGuestShell(guest), kernel.BenchId);
                await new KernelBench(bench, settings, kernel, new ProgressLog(tree.Series, progress)).RunAsync(cancellationToken);
            }
            catch (Exception e) when (e is GuestFailedException or BenchSetupException or CommandException or InvalidOperationException or TimeoutException or OperationCanceledException)
            {
                kernel.Error = e is OperationCanceledException ? "cancelled" : e.Message;
                lab.Timings.MarkFailed(tree.Series);
                progress($"[{tree.Series}] FAILED: {kernel.Error}");
            }

            kernel.FinishedAt = DateTimeOffset.Now;
            kernel.Summary = Summaries.Summarize(kernel, settings);
            progress($"[{tree.Series}] done in {ProgressLog.Minutes(kernel.FinishedAt.Value - kernel.StartedAt)}");
            lock (gate)
            {
                // The kernels in the order of the matrix, whichever finished first. A kernel still
                // measuring beside this one is left out of what is written: its lists are growing.
                run.Kernels.Sort((a, b) => Order(a).CompareTo(Order(b)));
                afterKernel(new BenchRun
                {
                    Command = run.Command,
                    StartedAt = run.StartedAt,
                    QemuVersion = run.QemuVersion,
                    HostCpu = run.HostCpu,
                    Settings = run.Settings,
                    Kernels = [.. run.Kernels.Where(k => k.FinishedAt is not null)],
                });
            }
        });

        run.FinishedAt = DateTimeOffset.Now;
        diagnostics(lab.FormatTimings());
        return run;

        int Order(KernelRun kernel) => trees.ToList().FindIndex(t => t.Series == kernel.Series);
    }

    /// <summary>
    /// In wall-clock time strictly one guest, so that nothing shares the cores while it measures.
    /// In instruction time what the host does beside a guest does not change what it measures (a
    /// guest second is a count of its own instructions), so each core runs one (TCG is
    /// single-threaded): the matrix takes half the time on two cores.
    /// </summary>
    public static int GuestsAtOnce(BenchSettings settings) =>
        settings.Clock == BenchClock.Icount ? Math.Clamp(Environment.ProcessorCount, 1, 2) : 1;
}
