// SPDX-License-Identifier: MIT
using Reflect.Perf.Plan;
using Reflect.Perf.Protocol;
using Reflect.Perf.Statistics;

namespace Reflect.Perf.Results;

/// <summary>
/// One invocation of reflect-perf: what was asked, where it ran, and each kernel's results.
/// Written to artifacts/bench/results.json (field names in snake_case, see <see cref="ResultsFile"/>).
/// </summary>
internal sealed class BenchRun
{
    public int Schema { get; init; } = 1;

    /// <summary>The command line that produced it, e.g. <c>REFLECT_KERNELS=6.1 ci/bench --quick</c>.</summary>
    public required string Command { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>First line of <c>qemu-system-x86_64 --version</c> on the host.</summary>
    public required string QemuVersion { get; init; }

    /// <summary>The host's CPU model (/proc/cpuinfo); TCG emulates the guest's on it.</summary>
    public required string HostCpu { get; init; }

    public required BenchSettings Settings { get; init; }

    public List<KernelRun> Kernels { get; init; } = [];
}

/// <summary>
/// Everything one kernel's guest produced, raw, and (computed from it) its summary. Each carries
/// the kernel's exact packages, the QEMU version, CPU models and date, so a result read alone
/// still says where it came from.
/// </summary>
internal sealed class KernelRun
{
    public required string Series { get; init; }

    /// <summary>e.g. <c>linux-image-6.1.0-56-amd64</c>.</summary>
    public required string ImagePackage { get; init; }

    /// <summary>e.g. <c>6.1.192-2</c>.</summary>
    public required string PackageVersion { get; init; }

    /// <summary>Every package unpacked for the guest and the build, "name version".</summary>
    public IReadOnlyList<string> Packages { get; init; } = [];

    public required string QemuVersion { get; init; }

    public required string HostCpu { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The suffix of this run's namespaces in the guest.</summary>
    public string BenchId { get; init; } = "";

    /// <summary>Module build time (fetching is shared by all kernels of a run and not counted).</summary>
    public double? BuildSeconds { get; set; }

    public double? BootSeconds { get; set; }

    /// <summary>bench.sh versions: the guest's kernel release, CPU model, iperf3 and sockperf versions.</summary>
    public GuestVersions? Guest { get; set; }

    public List<CheckResult> Checks { get; init; } = [];

    /// <summary>The interleaved repetitions, warm-up included (marked), in the order they ran.</summary>
    public List<Sample> Samples { get; init; } = [];

    public List<TableScalePoint> TableScale { get; init; } = [];

    public List<Fact> Facts { get; init; } = [];

    /// <summary>Every bench.sh command that ran and its wall-clock time.</summary>
    public List<StepTime> Steps { get; init; } = [];

    /// <summary>Failures the run went on after (a measurement, a fill, the facts, teardown).</summary>
    public List<string> Problems { get; init; } = [];

    /// <summary>Why the run of this kernel stopped early (guest died, setup failed), or null.</summary>
    public string? Error { get; set; }

    public KernelSummary? Summary { get; set; }

    public string Identity => $"{ImagePackage} {PackageVersion}";
}

/// <summary>One measurement: <see cref="Value"/> is null when it failed, and <see cref="Error"/> says why.</summary>
internal sealed record Sample(int Repetition, bool WarmUp, string Configuration, string Workload, int Seconds, double? Value, string? Unit, string? Error);

/// <summary>
/// One table size of the table-scale run: <see cref="Entries"/> asked for, what bench.sh reports
/// the table holds, and the udp64 measurements at that size.
/// </summary>
internal sealed class TableScalePoint
{
    public required int Entries { get; init; }

    public int? FilledEntries { get; set; }

    public double? FillSeconds { get; set; }

    public string? Error { get; set; }

    public List<Sample> Samples { get; init; } = [];
}
