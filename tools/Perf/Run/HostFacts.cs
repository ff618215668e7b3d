// SPDX-License-Identifier: MIT
using Reflect.Guest.Processes;

namespace Reflect.Perf.Run;

/// <summary>What every result records about the host: the QEMU version and the CPU TCG runs on.</summary>
internal static class HostFacts
{
    public static async Task<string> QemuVersionAsync(CancellationToken cancellationToken)
    {
        CommandResult result = await Command.RunCheckedAsync("qemu-system-x86_64", ["--version"], TimeSpan.FromSeconds(30), cancellationToken: cancellationToken);
        return result.StandardOutput.Split('\n')[0].Trim();
    }

    public static string CpuModel() =>
        CpuModel(File.Exists("/proc/cpuinfo") ? File.ReadAllText("/proc/cpuinfo") : "");

    /// <summary>The first "model name" of a /proc/cpuinfo text.</summary>
    public static string CpuModel(string cpuinfo) =>
        cpuinfo.Split('\n')
            .Where(line => line.StartsWith("model name", StringComparison.Ordinal) && line.Contains(':'))
            .Select(line => line[(line.IndexOf(':') + 1)..].Trim())
            .FirstOrDefault() ?? "unknown";
}
