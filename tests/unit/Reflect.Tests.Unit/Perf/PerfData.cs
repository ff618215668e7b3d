// SPDX-License-Identifier: MIT
using Reflect.Perf.Plan;
using Reflect.Perf.Protocol;
using Reflect.Perf.Results;

namespace Reflect.Tests.Unit.Perf;

/// <summary>Raw results as a guest would have produced them, for tests of what is computed from them.</summary>
internal static class PerfData
{
    public static readonly DateTimeOffset Date = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    public static KernelRun Kernel(string series = "6.1") => new()
    {
        Series = series,
        ImagePackage = "linux-image-6.1.0-56-amd64",
        PackageVersion = "6.1.192-2",
        Packages = ["linux-image-6.1.0-56-amd64 6.1.192-2", "linux-kbuild-6.1 6.1.192-2"],
        QemuVersion = "QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)",
        HostCpu = "AMD EPYC",
        StartedAt = Date,
        FinishedAt = Date.AddMinutes(14),
        BenchId = "beef",
        Guest = new GuestVersions("6.1.0-56-amd64", "QEMU TCG CPU", new Dictionary<string, string> { ["iperf3"] = "iperf 3.12", ["sockperf"] = "version 3.10" }),
    };

    /// <summary>A check that came out as the configuration should.</summary>
    public static CheckResult Works(string configuration) =>
        new(configuration, Configurations.ExpectedToReflect(configuration), Configurations.ExpectedToReflect(configuration), true, "replies as expected");

    public static CheckResult Broken(string configuration) =>
        new(configuration, false, Configurations.ExpectedToReflect(configuration), false, "tcp replies via R2: 0, via R1: 812");

    public static Sample Sample(string configuration, string workload, int repetition, double? value) =>
        new(repetition, repetition == 0, configuration, workload, repetition == 0 ? 1 : 3, value, value is null ? null : Unit(workload), value is null ? "iperf3 failed" : null);

    /// <summary>Samples of repetitions 0 (warm-up), 1, 2, ... with these values.</summary>
    public static IEnumerable<Sample> Series(string configuration, string workload, params double?[] values) =>
        values.Select((value, repetition) => Sample(configuration, workload, repetition, value));

    public static string Unit(string workload) => workload switch
    {
        Workloads.Udp64 => "pps",
        Workloads.RequestResponse => "transactions/s",
        _ => "Mbit/s",
    };

    public static BenchSettings Settings(params string[] configurations) =>
        BenchSettings.Full with { Configurations = configurations, Workloads = [Workloads.Tcp1, Workloads.Udp64], TableSizes = [1_000, 1_000_000] };

    public static BenchRun Run(BenchSettings settings, params KernelRun[] kernels) => new()
    {
        Command = "REFLECT_KERNELS=6.1 ci/bench",
        StartedAt = Date,
        FinishedAt = Date.AddMinutes(15),
        QemuVersion = "QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)",
        HostCpu = "AMD EPYC",
        Settings = settings,
        Kernels = [.. kernels],
    };

    public static TableScalePoint TablePoint(int entries, params double[] pps) => new()
    {
        Entries = entries,
        FilledEntries = entries,
        FillSeconds = entries / 100_000.0 * 8.1,
        Samples = [.. pps.Select((value, i) => Sample(Configurations.Peer, Workloads.Udp64, i + 1, value))],
    };
}
