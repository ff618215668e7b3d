// SPDX-License-Identifier: MIT
using Reflect.Guest.Kernels;
using Reflect.Guest.Processes;

namespace Reflect.Guest.Build;

/// <summary>An out-of-tree module to build: the files and folders (relative to the checkout) that form it.</summary>
public sealed record ModuleSource(string Name, IReadOnlyList<string> Paths, string SourceRoot)
{
    /// <summary>reflect.ko: the top-level Kbuild and kmod/.</summary>
    public static ModuleSource Reflect => new("reflect", ["Kbuild", "kmod"], RepositoryPaths.Root);

    /// <summary>The harness self-test's module that WARNs on load.</summary>
    public static ModuleSource WarnFixture => new("warn_fixture", ["Kbuild", "warn_fixture.c"],
        Path.Combine(RepositoryPaths.Root, "tests", "qemu", "fixtures", "warn"));

    /// <summary>The harness self-test's module that leaks one allocation on load (caught by kmemleak).</summary>
    public static ModuleSource LeakFixture => new("leak_fixture", ["Kbuild", "leak_fixture.c"],
        Path.Combine(RepositoryPaths.Root, "tests", "qemu", "fixtures", "leak"));
}

/// <summary>
/// Builds a module against one unpacked kernel with <c>make -C &lt;headers&gt; M=&lt;dir&gt; W=1</c>,
/// with the kernel's toolchain: the host's gcc, or its suite's chroot. Any compiler warning fails.
/// Each build has a directory of its own, <c>build/&lt;series&gt;/&lt;module&gt;-&lt;hash&gt;</c>, named by the
/// kernel and a hash of the module's sources: a build is made in a staging copy and renamed into
/// place, so two harness processes in one checkout never build into the same objects or load a
/// half-written module, and unchanged sources are not built again.
/// </summary>
public sealed class ModuleBuilder(string cacheDirectory, Action<string> progress)
{
    /// <summary>Builds and returns the path of the .ko file.</summary>
    public async Task<string> BuildAsync(KernelTree kernel, ModuleSource module, CancellationToken cancellationToken = default)
    {
        string seriesDirectory = Path.Combine(RepositoryPaths.Root, "build", kernel.Series);
        string directory = Path.Combine(seriesDirectory, $"{module.Name}-{SourceHash(kernel, module)}");
        string ko = Path.Combine(directory, module.Name + ".ko");
        Directory.CreateDirectory(seriesDirectory);
        using CacheLock buildLock = await CacheLock.AcquireAsync(Path.Combine(seriesDirectory, module.Name + ".lock"), progress, cancellationToken);
        if (File.Exists(ko))
        {
            return ko;
        }

        string staging = $"{directory}.staging-{Environment.ProcessId}";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        foreach (string path in module.Paths)
        {
            Copy(Path.Combine(module.SourceRoot, path), Path.Combine(staging, path));
        }

        List<string> make = ["make", "-C", kernel.HeadersDirectory, $"M={staging}", "W=1", $"CC={kernel.Compiler}", "modules"];
        progress($"[{kernel.Series}] building {module.Name}.ko with {kernel.Toolchain}");
        CommandResult result = kernel.Toolchain.InChroot
            ? await RunInChrootAsync(new SuiteChroot(cacheDirectory, progress).PathOf(kernel.ChrootSuite!), make, cancellationToken)
            : await Command.RunAsync(make[0], make.Skip(1), TimeSpan.FromMinutes(5), cancellationToken: cancellationToken);
        result.EnsureSuccess();
        var warnings = (result.StandardOutput + result.StandardError).Split('\n')
            .Where(line => line.Contains("warning:", StringComparison.Ordinal)).ToList();
        if (warnings.Count > 0)
        {
            throw new InvalidOperationException($"[{kernel.Series}] {module.Name}.ko built with warnings (W=1 must be clean):\n{string.Join('\n', warnings)}");
        }

        if (!File.Exists(Path.Combine(staging, module.Name + ".ko")))
        {
            throw new InvalidOperationException($"[{kernel.Series}] make succeeded but {module.Name}.ko is missing in {staging}");
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.Move(staging, directory);
        return ko;
    }

    /// <summary>The first 12 hex digits of a SHA-256 over the kernel's identity and the module's files (paths and contents).</summary>
    private static string SourceHash(KernelTree kernel, ModuleSource module)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(kernel.Identity + "\n" + kernel.Compiler + "\n"));
        foreach (string path in module.Paths)
        {
            string full = Path.Combine(module.SourceRoot, path);
            IEnumerable<string> files = File.Exists(full) ? [full] : Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
            foreach (string file in files)
            {
                hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetRelativePath(module.SourceRoot, file) + "\n"));
                hash.AppendData(File.ReadAllBytes(file));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    /// <summary>
    /// Runs a command in a chroot, in a private mount namespace where the cache and the checkout are
    /// bind-mounted at their own paths (the kernel's Makefiles hold absolute paths into the cache).
    /// </summary>
    private async Task<CommandResult> RunInChrootAsync(string chroot, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        const string script = """
            set -e
            root=$1; shift
            while [ "$1" != -- ]; do mkdir -p "$root$1"; mount --bind "$1" "$root$1"; shift; done
            shift
            mount -t proc proc "$root/proc"
            exec chroot "$root" /usr/bin/env PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"
            """;
        return await Command.RunAsync("unshare", ["--mount", "--propagation", "private", "--", "sh", "-c", script, "sh",
            chroot, cacheDirectory, RepositoryPaths.Root, "--", .. command], TimeSpan.FromMinutes(5), cancellationToken: cancellationToken);
    }

    private static void Copy(string source, string destination)
    {
        if (File.Exists(source))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(source, destination, overwrite: true);
            return;
        }

        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            Copy(file, Path.Combine(destination, Path.GetRelativePath(source, file)));
        }
    }
}
