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
/// A whole benchmark: every selected kernel fetched (one resolve for all), then for each kernel in
/// turn, strictly one guest at a time so that no other guest shares the two cores while it
/// measures: build, boot, run bench.sh (<see cref="KernelBench"/>), power off. A kernel that fails
/// keeps what it measured and its error; the next kernel still runs.
/// </summary>
internal sealed class BenchSession(BenchSettings settings, Action<string> progress, Action<string> diagnostics)
{
    /// <param name="afterKernel">Called with the run so far after each kernel (results.json is rewritten then).</param>
    public async Task<BenchRun> RunAsync(string kernelSelection, string command, Action<BenchRun> afterKernel, CancellationToken cancellationToken)
    {
        if (!File.Exists(BenchScript.DefaultPath))
        {
            throw new InvalidOperationException($"{BenchScript.DefaultPath} is missing: the guest side of the benchmark");
        }

        var lab = new KernelLab(diagnostics);
        IReadOnlyList<KernelSeries> series = lab.Matrix.Select(kernelSelection);
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
        foreach (KernelTree tree in trees)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
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
            run.Kernels.Add(kernel);
            progress($"[{tree.Series}] {tree.Identity}");
            try
            {
                var clock = Stopwatch.StartNew();
                PreparedKernel prepared = await lab.PrepareAsync(tree, cancellationToken);
                kernel.BuildSeconds = clock.Elapsed.TotalSeconds;
                clock.Restart();
                await using QemuGuest guest = await lab.BootAsync(prepared, cancellationToken: cancellationToken);
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
            afterKernel(run);
        }

        run.FinishedAt = DateTimeOffset.Now;
        diagnostics(lab.WriteTimings());
        return run;
    }
}
