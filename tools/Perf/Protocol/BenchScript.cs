// SPDX-License-Identifier: MIT
using Reflect.Guest;
using Reflect.Guest.Vm;
using Reflect.Perf.Plan;

namespace Reflect.Perf.Protocol;

/// <summary>Runs a script of the checkout in a guest: the real one is a <see cref="QemuGuest"/>.</summary>
internal interface IGuestShell
{
    Task<GuestResult> RunScriptAsync(string script, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>A bench.sh command exited non-zero.</summary>
internal sealed class BenchCommandException(string command, GuestResult result)
    : Exception($"`bench.sh {command}` exited with {result.ExitCode}: {Tail(result.Output)}")
{
    private static string Tail(string output)
    {
        string[] lines = output.TrimEnd().Split('\n');
        return string.Join('\n', lines.TakeLast(5)).Trim();
    }
}

/// <summary>
/// The contract with tools/Perf/guest/bench.sh, which runs inside the guest as root: one method
/// per command, arguments built from a <see cref="Step"/>, results read from its RESULT lines and
/// checked against what was asked. <c>id</c> names this run's namespaces (<c>*-id</c>).
/// </summary>
internal sealed class BenchScript(IGuestShell shell, string id, string? scriptPath = null)
{
    /// <summary>tools/Perf/guest/bench.sh of this checkout; the guest sees the checkout at the same path.</summary>
    public static string DefaultPath => Path.Combine(RepositoryPaths.Root, "tools", "Perf", "guest", "bench.sh");

    public string Script { get; } = scriptPath ?? DefaultPath;

    public string Id => id;

    public Task SetupAsync(CancellationToken cancellationToken) => RunAsync(new Step(StepKind.Setup), cancellationToken);

    public async Task<GuestVersions> VersionsAsync(CancellationToken cancellationToken) =>
        ResultLines.Versions(await RunAsync(new Step(StepKind.Versions), cancellationToken));

    public Task ConfigAsync(string configuration, CancellationToken cancellationToken) =>
        RunAsync(new Step(StepKind.Config, configuration), cancellationToken);

    public async Task<CheckResult> CheckAsync(string configuration, CancellationToken cancellationToken)
    {
        CheckResult check = ResultLines.Check(await RunAsync(new Step(StepKind.Check, configuration), cancellationToken));
        if (check.Configuration != configuration)
        {
            throw new BenchProtocolException($"asked to check '{configuration}', bench.sh checked '{check.Configuration}'");
        }

        if (check.Expected != Configurations.ExpectedToReflect(configuration))
        {
            throw new BenchProtocolException($"bench.sh expects '{configuration}' {(check.Expected ? "to" : "not to")} reflect; the harness does not");
        }

        return check;
    }

    public async Task<MeasureResult> MeasureAsync(string workload, int seconds, CancellationToken cancellationToken)
    {
        var step = new Step(StepKind.Measure, Workload: workload, Seconds: seconds);
        MeasureResult result = ResultLines.Measure(await RunAsync(step, cancellationToken));
        return result.Workload == workload ? result
            : throw new BenchProtocolException($"asked to measure '{workload}', bench.sh measured '{result.Workload}'");
    }

    public async Task<FillResult> FillAsync(int entries, CancellationToken cancellationToken) =>
        ResultLines.Fill(await RunAsync(new Step(StepKind.Fill, Entries: entries), cancellationToken));

    public async Task<IReadOnlyList<Fact>> FactsAsync(CancellationToken cancellationToken) =>
        ResultLines.Facts(await RunAsync(new Step(StepKind.Facts), cancellationToken));

    public Task TeardownAsync(CancellationToken cancellationToken) => RunAsync(new Step(StepKind.Teardown), cancellationToken);

    /// <summary>bench.sh's command line for a step, e.g. <c>measure ID tcp1 3</c>.</summary>
    public IReadOnlyList<string> Arguments(Step step) => step.Kind switch
    {
        StepKind.Setup => ["setup", id],
        StepKind.Versions => ["versions"],
        StepKind.Config => ["config", id, Required(step.Configuration)],
        StepKind.Check => ["check", id, Required(step.Configuration)],
        StepKind.Measure => ["measure", id, Required(step.Workload), Text(step.Seconds)],
        StepKind.Fill => ["fill", id, Text(step.Entries)],
        StepKind.Facts => ["facts", id],
        StepKind.Teardown => ["teardown", id],
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    /// <summary>
    /// How long a step may take before the guest kills it: generous, since a slow step under TCG
    /// is still a result, while a hung one must not stall the run for ever.
    /// </summary>
    public static TimeSpan Timeout(Step step) => step.Kind switch
    {
        StepKind.Measure => TimeSpan.FromSeconds(60 + 3 * step.Seconds),
        StepKind.Fill => TimeSpan.FromSeconds(120 + step.Entries / 1000.0),
        StepKind.Versions => TimeSpan.FromMinutes(1),
        StepKind.Setup or StepKind.Facts => TimeSpan.FromMinutes(10),
        _ => TimeSpan.FromMinutes(3),
    };

    private async Task<string> RunAsync(Step step, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> arguments = Arguments(step);
        GuestResult result = await shell.RunScriptAsync(Script, arguments, Timeout(step), cancellationToken);
        return result.Succeeded ? result.Output : throw new BenchCommandException(string.Join(' ', arguments), result);
    }

    private static string Required(string? value) => value ?? throw new ArgumentException("the step lacks a configuration or workload");

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
