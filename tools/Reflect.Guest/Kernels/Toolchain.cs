// SPDX-License-Identifier: MIT
using System.Text.RegularExpressions;

namespace Reflect.Guest.Kernels;

/// <summary>
/// Where a kernel's modules are compiled: with a compiler of this machine, or inside a debootstrap
/// chroot of the kernel's own suite when the kernel's kbuild tools or config need more than this
/// machine has (sid's kbuild binaries link against a newer glibc; its config uses gcc options the
/// host's gcc lacks).
/// </summary>
public sealed record Toolchain(string Compiler, string? ChrootSuite)
{
    public bool InChroot => ChrootSuite is not null;

    public override string ToString() => InChroot ? $"{Compiler} in a {ChrootSuite} chroot" : $"host {Compiler}";

    /// <summary>
    /// Chooses from the packages' metadata: <paramref name="requiredGcc"/> is the gcc major the headers
    /// package depends on, <paramref name="requiredGlibc"/> the glibc its kbuild tools need.
    /// The host serves when its glibc is new enough and it has that gcc or a newer one (a newer gcc
    /// builds the older kernels: 5.10 asks for gcc-10, which bookworm lacks, and gcc-12 works).
    /// </summary>
    public static Toolchain Choose(int requiredGcc, string? requiredGlibc, string suite, string hostGlibc, IReadOnlyCollection<int> hostGccs)
    {
        bool glibcFits = requiredGlibc is null || DebianVersion.Compare(hostGlibc, requiredGlibc) >= 0;
        if (glibcFits && hostGccs.Contains(requiredGcc))
        {
            return new Toolchain($"gcc-{requiredGcc}", null);
        }

        if (glibcFits && hostGccs.Count > 0 && hostGccs.Max() > requiredGcc)
        {
            return new Toolchain($"gcc-{hostGccs.Max()}", null);
        }

        return new Toolchain($"gcc-{requiredGcc}", suite);
    }

    /// <summary>The gcc-N compilers installed on this machine.</summary>
    public static IReadOnlyCollection<int> HostCompilers() =>
        Directory.GetFiles("/usr/bin", "gcc-*")
            .Select(path => Regex.Match(Path.GetFileName(path), @"^gcc-(\d+)$"))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    /// <summary>The gcc major a headers package asks for (gcc-N, gcc-N-for-host or linux-compiler-gcc-N-*).</summary>
    public static int RequiredGcc(IEnumerable<string> dependencyNames)
    {
        foreach (string name in dependencyNames)
        {
            Match match = Regex.Match(name, @"(?:^|-)gcc-(\d+)(?:-|$)");
            if (match.Success)
            {
                return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException("the headers package names no gcc: cannot choose a toolchain");
    }
}
