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
public sealed class GuestPool(IMessageSink diagnostics) : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<PreparedKernel>>> _kernels = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<QemuGuest>>> _guests = new();
    private IReadOnlyList<KernelTree> _trees = [];

    public KernelLab Lab { get; } = new(line => diagnostics.OnMessage(new DiagnosticMessage(line)));

    /// <summary>The kernels of this run: <c>$REFLECT_KERNELS</c>, or the whole matrix.</summary>
    public static TheoryData<string> Kernels()
    {
        var data = new TheoryData<string>();
        foreach (var series in KernelMatrix.LoadFromRepository().SelectFromEnvironment())
            data.Add(series.Name);
        return data;
    }

    public Task<PreparedKernel> KernelAsync(string series) =>
        _kernels.GetOrAdd(series, name => new Lazy<Task<PreparedKernel>>(async () =>
        {
            var tree = _trees.Single(t => t.Series == name);
            return await Lab.PrepareAsync(tree);
        })).Value;

    public Task<QemuGuest> GuestAsync(string series) =>
        _guests.GetOrAdd(series, name => new Lazy<Task<QemuGuest>>(async () =>
            await Lab.BootAsync(await KernelAsync(name)))).Value;

    /// <summary>Runs tests/qemu/scenarios/NAME.sh in the kernel's guest.</summary>
    public async Task<ScenarioOutcome> RunScenarioAsync(string series, string name, TimeSpan? timeout = null)
    {
        var guest = await GuestAsync(series);
        try
        {
            var result = await Lab.Timings.MeasureAsync(series, "scenarios",
                () => guest.RunAsync($"bash {ScenarioOutcome.ScriptPath(name)}", timeout));
            diagnostics.OnMessage(new DiagnosticMessage($"[{series}] {name}: exit {result.ExitCode} in {result.Duration.TotalSeconds:F1} s"));
            return ScenarioOutcome.Parse(name, result.ExitCode, result.Output);
        }
        catch (GuestFailedException)
        {
            Lab.Timings.MarkFailed(series);
            throw;
        }
    }

    /// <summary>Fetches every kernel of the run once, up front (one package-list update serves all).</summary>
    public async Task InitializeAsync() => _trees = await Lab.FetchAsync(Lab.Matrix.SelectFromEnvironment());

    public async Task DisposeAsync()
    {
        var failures = new List<Exception>();
        foreach (var (series, guest) in _guests)
        {
            try
            {
                if (guest.IsValueCreated && guest.Value.IsCompletedSuccessfully)
                    await guest.Value.Result.DisposeAsync();
            }
            catch (GuestFailedException e)
            {
                Lab.Timings.MarkFailed(series);
                failures.Add(e);
            }
        }
        var table = Lab.WriteTimings();
        diagnostics.OnMessage(new DiagnosticMessage("per-kernel timings:\n" + table));
        if (failures.Count > 0)
            throw new AggregateException("guests reported trouble at power-off", failures);
    }
}

[CollectionDefinition(Name)]
public sealed class GuestsDefinition : ICollectionFixture<GuestPool>
{
    public const string Name = "guests";
}
