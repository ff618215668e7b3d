// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Globalization;
using Reflect.Perf.Plan;
using Reflect.Perf.Protocol;
using Reflect.Perf.Results;
using Reflect.Perf.Statistics;

namespace Reflect.Perf.Run;

/// <summary>bench.sh setup failed: nothing of this kernel can be measured.</summary>
internal sealed class BenchSetupException(string message) : Exception(message);

/// <summary>
/// One kernel's run in its guest, step by step (<see cref="BenchPlan"/>): setup, versions, each
/// configuration switched to and checked; then, for the configurations that work, the interleaved
/// visits, the table-scale run, facts and teardown. Results go into <paramref name="run"/> as they
/// come, so a guest that dies midway still leaves what it measured.
///
/// A failed command (non-zero exit, or output that breaks the contract) is recorded where its
/// result would have been and the run goes on; only a failed setup, a dead guest or cancellation
/// stop it.
/// </summary>
internal sealed class KernelBench(BenchScript bench, BenchSettings settings, KernelRun run, ProgressLog progress)
{
    /// <summary>Why the configuration last switched to is unusable, or null when the switch worked.</summary>
    private string? _configFailure;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        progress.Plan(BenchPlan.Whole(settings));
        foreach (Step step in BenchPlan.Preparation(settings))
        {
            await ExecuteAsync(step, cancellationToken);
        }

        var working = settings.Configurations.Where(c => run.Checks.Any(check => check.Configuration == c && Summaries.Works(check))).ToList();
        IReadOnlyList<Step> measurement = BenchPlan.Measurement(settings, working);
        progress.Plan(measurement);
        progress.Projection(DateTimeOffset.Now - run.StartedAt, settings.Budget);
        foreach (Step step in measurement)
        {
            await ExecuteAsync(step, cancellationToken);
            // Once the warm-up has shown what a measurement costs, say again where this is going.
            if (step.IsWarmUp && step == measurement.Last(s => s.IsWarmUp))
            {
                progress.Projection(DateTimeOffset.Now - run.StartedAt, settings.Budget);
            }
        }
    }

    private async Task ExecuteAsync(Step step, CancellationToken cancellationToken)
    {
        switch (step.Kind)
        {
            case StepKind.Setup:
                (string? Value, string? Error) setup = await TryAsync(step, async () => { await bench.SetupAsync(cancellationToken); return "done"; }, done => done);
                if (setup.Error is not null)
                {
                    throw new BenchSetupException($"bench.sh setup failed: {setup.Error}");
                }

                break;
            case StepKind.Versions:
                run.Guest = (await TryAsync(step, () => bench.VersionsAsync(cancellationToken), v => $"{v.Kernel}, {v.Cpu}")).Value;
                break;
            case StepKind.Config:
                _configFailure = (await TryAsync(step, async () => { await bench.ConfigAsync(step.Configuration!, cancellationToken); return "done"; }, done => done)).Error;
                break;
            case StepKind.Check:
                run.Checks.Add(await CheckAsync(step, cancellationToken));
                break;
            case StepKind.Fill:
                await FillAsync(step, cancellationToken);
                break;
            case StepKind.Measure:
                Sample sample = await MeasureAsync(step, cancellationToken);
                (step.Entries > 0 ? run.TableScale[^1].Samples : run.Samples).Add(sample);
                break;
            case StepKind.Facts:
                run.Facts.AddRange((await TryAsync(step, () => bench.FactsAsync(cancellationToken), facts => $"{facts.Count} facts")).Value ?? []);
                break;
            case StepKind.Teardown:
                await TryAsync(step, async () => { await bench.TeardownAsync(cancellationToken); return "done"; }, done => done);
                break;
        }
    }

    private async Task<CheckResult> CheckAsync(Step step, CancellationToken cancellationToken)
    {
        string configuration = step.Configuration!;
        bool expected = Configurations.ExpectedToReflect(configuration);
        if (_configFailure is not null)
        {
            progress.Skip(step, "config failed");
            return new CheckResult(configuration, false, expected, false, $"bench.sh config failed: {_configFailure}");
        }

        (CheckResult? check, string? error) = await TryAsync(step, () => bench.CheckAsync(configuration, cancellationToken),
            c => $"{(Summaries.Works(c) ? "ok" : "BROKEN")}, reflects: {c.Reflects}, expected: {c.Expected} ({c.Detail})");
        return check ?? new CheckResult(configuration, false, expected, false, $"bench.sh check failed: {error}");
    }

    private async Task FillAsync(Step step, CancellationToken cancellationToken)
    {
        var point = new TableScalePoint { Entries = step.Entries };
        run.TableScale.Add(point);
        if (_configFailure is not null)
        {
            point.Error = $"config {step.Configuration} failed: {_configFailure}";
            progress.Skip(step, "config failed");
            return;
        }

        (FillResult? fill, string? error) = await TryAsync(step, () => bench.FillAsync(step.Entries, cancellationToken),
            f => string.Create(CultureInfo.InvariantCulture, $"{f.Entries:N0} entries in {f.Seconds:F1} s"));
        point.FilledEntries = fill?.Entries;
        point.FillSeconds = fill?.Seconds;
        point.Error = error;
    }

    private async Task<Sample> MeasureAsync(Step step, CancellationToken cancellationToken)
    {
        string? unusable = _configFailure is not null ? $"config {step.Configuration} failed"
            : step.Entries > 0 && run.TableScale[^1].Error is not null ? "the table could not be filled"
            : null;
        if (unusable is not null)
        {
            progress.Skip(step, unusable);
            return new Sample(step.Repetition, step.IsWarmUp, step.Configuration!, step.Workload!, step.Seconds, null, null, unusable);
        }

        (MeasureResult? result, string? error) = await TryAsync(step, () => bench.MeasureAsync(step.Workload!, step.Seconds, cancellationToken),
            m => string.Create(CultureInfo.InvariantCulture, $"{m.Value:#,0.###} {m.Unit}"));
        return new Sample(step.Repetition, step.IsWarmUp, step.Configuration!, step.Workload!, step.Seconds, result?.Value, result?.Unit, error);
    }

    /// <summary>Runs a step, times it, reports it, and turns a failed command into an error text.</summary>
    private async Task<(T? Value, string? Error)> TryAsync<T>(Step step, Func<Task<T>> action, Func<T, string> describe)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        try
        {
            T value = await action();
            Record(step, clock, describe(value));
            return (value, null);
        }
        catch (Exception e) when (e is BenchCommandException or BenchProtocolException)
        {
            Record(step, clock, "FAILED: " + e.Message.Split('\n')[0]);
            run.Problems.Add($"{step}: {e.Message}");
            return (null, e.Message);
        }
    }

    private void Record(Step step, Stopwatch clock, string outcome)
    {
        var time = new StepTime(step, Math.Round(clock.Elapsed.TotalSeconds, 3));
        run.Steps.Add(time);
        progress.Report(time, outcome);
    }
}
