// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;
using Reflect.Guest;
using Reflect.Guest.Kernels;
using Reflect.Guest.Scenarios;
using Reflect.Guest.Vm;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Reflect.Tests.Qemu;

/// <summary>
/// One guest per kernel for the whole test run: fetched, built and booted on first use, shared
/// by every test of that kernel, powered off at the end, when its whole console log is checked
/// once more and the per-kernel timing table is written (artifacts/timings.txt).
/// </summary>
public sealed class GuestPool(IMessageSink diagnostics) : IAsyncLifetime, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<PreparedKernel>>> _kernels = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<QemuGuest>>> _guests = new();
    private readonly Dictionary<string, Dictionary<string, TaskCompletionSource<ScenarioOutcome>>> _outcomes = [];
    private readonly SemaphoreSlim _guestSlots = new(ParallelGuests);
    private readonly List<Task> _sessions = [];
    private IReadOnlyList<KernelTree> _trees = [];

    public KernelLab Lab { get; } = new(line => diagnostics.OnMessage(new DiagnosticMessage(line)));

    /// <summary>The kernels of this run: <c>$REFLECT_KERNELS</c>, or the whole matrix.</summary>
    public static TheoryData<string> Kernels()
    {
        var data = new TheoryData<string>();
        foreach (KernelSeries series in KernelMatrix.LoadFromRepository().SelectFromEnvironment())
        {
            data.Add(series.Name);
        }

        return data;
    }

    public Task<PreparedKernel> KernelAsync(string series) =>
        _kernels.GetOrAdd(series, name => new Lazy<Task<PreparedKernel>>(async () =>
        {
            KernelTree tree = _trees.Single(t => t.Series == name);
            return await Lab.PrepareAsync(tree);
        })).Value;

    public Task<QemuGuest> GuestAsync(string series) =>
        _guests.GetOrAdd(series, name => new Lazy<Task<QemuGuest>>(async () =>
            await Lab.BootAsync(await KernelAsync(name)))).Value;

    /// <summary>
    /// The outcome of tests/qemu/scenarios/NAME.sh in the kernel's guest. The first call starts a
    /// run of every scenario script on every kernel of the run, at most
    /// <see cref="ParallelGuests"/> guests at a time: under TCG much of a scenario's time is
    /// spent waiting (intervals, timeouts, transfers of fixed length), which another guest can
    /// use. Tests then only wait for their own outcome.
    /// </summary>
    public Task<ScenarioOutcome> RunScenarioAsync(string series, string name)
    {
        lock (_outcomes)
        {
            if (_outcomes.Count == 0)
            {
                // The slowest kernels first (a debug kernel takes about three times as long), so
                // that the others fill the remaining guest slots beside them instead of after them.
                foreach (KernelTree tree in _trees.OrderByDescending(t => t.IsDebug))
                {
                    var mine = SelectedScenarios().Where(n => ScenarioOutcome.Reach(n).RunsOn(tree.Series))
                        .ToDictionary(n => n, _ => new TaskCompletionSource<ScenarioOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
                    _outcomes[tree.Series] = mine;
                    _sessions.Add(RunAllScenariosAsync(tree.Series, mine));
                }
            }
        }

        return _outcomes[series].TryGetValue(name, out TaskCompletionSource<ScenarioOutcome>? outcome)
            ? outcome.Task
            : throw new ArgumentException(!ScenarioOutcome.Names().Contains(name)
                ? $"no scenario script tests/qemu/scenarios/{name}.sh"
                : !ScenarioOutcome.Reach(name).RunsOn(series)
                    ? $"scenario {name} does not run on {series}: its header names {string.Join(", ", ScenarioOutcome.Reach(name).Kernels!)}"
                    : $"scenario {name} is not run: REFLECT_SCENARIOS leaves it out, or it runs only when named");
    }

    /// <summary>
    /// The kernels of this run a scenario runs on (<see cref="ScenarioReach"/>): none when it
    /// is not selected at all. A test of a scenario that runs on some kernels only awaits these.
    /// </summary>
    public static IReadOnlyList<string> KernelsRunning(string scenario) =>
        SelectedScenarios().Contains(scenario)
            ? KernelMatrix.LoadFromRepository().SelectFromEnvironment().Select(s => s.Name).Where(ScenarioOutcome.Reach(scenario).RunsOn).ToList()
            : [];

    /// <summary>
    /// The scenarios a run executes: every script (but those that run only when named), or
    /// those <c>$REFLECT_SCENARIOS</c> names (comma-separated), for a run by hand with a
    /// <c>--filter</c> that selects their tests, or for a scenario that runs only when named.
    /// </summary>
    public static IReadOnlyList<string> SelectedScenarios()
    {
        string? list = Environment.GetEnvironmentVariable("REFLECT_SCENARIOS");
        if (string.IsNullOrWhiteSpace(list))
        {
            return ScenarioOutcome.Names().Where(name => !ScenarioOutcome.Reach(name).WhenNamed).ToList();
        }

        string[] wanted = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] unknown = [.. wanted.Except(ScenarioOutcome.Names())];
        return unknown.Length == 0
            ? wanted
            : throw new ArgumentException($"REFLECT_SCENARIOS names no scenario script: {string.Join(", ", unknown)}");
    }

    /// <summary>How long one scenario may take on a Debian kernel (scaled for a debug kernel).</summary>
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromMinutes(10);

    /// <summary>How many guests run scenarios at once: <c>$REFLECT_PARALLEL_GUESTS</c>, default 2.</summary>
    private static int ParallelGuests =>
        int.TryParse(Environment.GetEnvironmentVariable("REFLECT_PARALLEL_GUESTS"), out int n) && n > 0 ? n : 2;

    private async Task RunAllScenariosAsync(string series, Dictionary<string, TaskCompletionSource<ScenarioOutcome>> outcomes)
    {
        await _guestSlots.WaitAsync();
        try
        {
            foreach ((string name, TaskCompletionSource<ScenarioOutcome> outcome) in outcomes)
            {
                try
                {
                    QemuGuest guest = await GuestAsync(series);
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    GuestResult result;
                    try
                    {
                        TimeSpan limit = ScenarioOutcome.Reach(name).Timeout ?? ScenarioTimeout;
                        result = await guest.RunAsync($"bash {ScenarioOutcome.ScriptPath(name)}", limit * guest.Options.TimeScale);
                    }
                    finally
                    {
                        Lab.Timings.AddScenario(series, name, clock.Elapsed);
                    }

                    diagnostics.OnMessage(new DiagnosticMessage($"[{series}] {name}: exit {result.ExitCode} in {result.Duration.TotalSeconds:F1} s"));
                    // Kept whether it passed or not: figures a report quotes (dump times) are in it.
                    string log = RepositoryPaths.ScenarioLog(series, name);
                    Directory.CreateDirectory(Path.GetDirectoryName(log)!);
                    await File.WriteAllTextAsync(log, result.Output);
                    outcome.SetResult(ScenarioOutcome.Parse(name, result.ExitCode, result.Output, log));
                }
                catch (Exception e)
                {
                    if (e is GuestFailedException)
                    {
                        Lab.Timings.MarkFailed(series);
                    }

                    outcome.SetException(e);
                }
            }
        }
        finally
        {
            _guestSlots.Release();
        }
    }

    /// <summary>Fetches every kernel of the run once, up front (one package-list update serves all).</summary>
    public async Task InitializeAsync() => _trees = await Lab.FetchAsync(Lab.Matrix.SelectFromEnvironment());

    public async Task DisposeAsync()
    {
        // A filtered run may not have waited for every scenario; they finish before power-off.
        await Task.WhenAll(_sessions);
        var failures = new List<Exception>();
        foreach ((string series, Lazy<Task<QemuGuest>> guest) in _guests)
        {
            try
            {
                if (guest.IsValueCreated && guest.Value.IsCompletedSuccessfully)
                {
                    await guest.Value.Result.DisposeAsync();
                }
            }
            catch (GuestFailedException e)
            {
                Lab.Timings.MarkFailed(series);
                failures.Add(e);
            }
        }

        string table = Lab.WriteTimings();
        diagnostics.OnMessage(new DiagnosticMessage("per-kernel timings:\n" + table));
        if (failures.Count > 0)
        {
            throw new AggregateException("guests reported trouble at power-off", failures);
        }
    }

    public void Dispose() => _guestSlots.Dispose();
}

[CollectionDefinition(Name)]
public sealed class GuestsDefinition : ICollectionFixture<GuestPool>
{
    public const string Name = "guests";
}
