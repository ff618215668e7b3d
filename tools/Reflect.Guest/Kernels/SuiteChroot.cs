// SPDX-License-Identifier: MIT
using Reflect.Guest.Processes;

namespace Reflect.Guest.Kernels;

/// <summary>
/// A debootstrap chroot of a Debian suite with a compiler, for kernels whose build tools need a
/// newer glibc or gcc than this machine has. Built once into the cache and reused; rebuilt when
/// the package list it needs changes.
/// </summary>
public sealed class SuiteChroot(string cacheDirectory, Action<string> progress)
{
    private const string Marker = ".reflect-packages";

    public string PathOf(string suite) => Path.Combine(cacheDirectory, "chroots", suite);

    public async Task EnsureAsync(string suite, IEnumerable<string> packages, IReadOnlyList<AptSource> machineSources, CancellationToken cancellationToken)
    {
        string wanted = string.Join(',', packages.Order(StringComparer.Ordinal));
        string final = PathOf(suite);
        using CacheLock chrootLock = await CacheLock.AcquireAsync(final + ".lock", progress, cancellationToken);
        string marker = Path.Combine(final, Marker);
        if (File.Exists(marker) && (await File.ReadAllTextAsync(marker, cancellationToken)).Trim() == wanted)
        {
            return;
        }

        AptSource mirror = AptSources.MirrorFor(machineSources, suite);
        string staging = $"{final}.staging-{Environment.ProcessId}";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        progress($"[{suite}] building a {suite} chroot with {wanted} (once; cached)");
        List<string> arguments = ["--variant=minbase", $"--include={wanted}"];
        if (mirror.SignedBy is not null)
        {
            arguments.Add($"--keyring={mirror.SignedBy}");
        }

        await Command.RunCheckedAsync("debootstrap", [.. arguments, suite, staging, mirror.Uri], TimeSpan.FromMinutes(20), cancellationToken: cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(staging, Marker), wanted, cancellationToken);
        if (Directory.Exists(final))
        {
            Directory.Delete(final, recursive: true);
        }

        Directory.Move(staging, final);
    }
}
