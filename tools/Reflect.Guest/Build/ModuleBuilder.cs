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
/// in a fresh copy of its sources per kernel (so builds for different kernels never share objects),
/// with the kernel's toolchain: the host's gcc, or its suite's chroot. Any compiler warning fails.
/// </summary>
public sealed class ModuleBuilder(string cacheDirectory, Action<string> progress)
{
    public static string BuildDirectory(string series, string module) =>
        Path.Combine(RepositoryPaths.Root, "build", series, module);

    /// <summary>Builds and returns the path of the .ko file.</summary>
    public async Task<string> BuildAsync(KernelTree kernel, ModuleSource module, CancellationToken cancellationToken = default)
    {
        var directory = BuildDirectory(kernel.Series, module.Name);
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
        foreach (var path in module.Paths)
            Copy(Path.Combine(module.SourceRoot, path), Path.Combine(directory, path));

        List<string> make = ["make", "-C", kernel.HeadersDirectory, $"M={directory}", "W=1", $"CC={kernel.Compiler}", "modules"];
        progress($"[{kernel.Series}] building {module.Name}.ko with {kernel.Toolchain}");
        var result = kernel.Toolchain.InChroot
            ? await RunInChrootAsync(new SuiteChroot(cacheDirectory, progress).PathOf(kernel.ChrootSuite!), make, cancellationToken)
            : await Command.RunAsync(make[0], make.Skip(1), TimeSpan.FromMinutes(5), cancellationToken: cancellationToken);
        result.EnsureSuccess();
        var warnings = (result.StandardOutput + result.StandardError).Split('\n')
            .Where(line => line.Contains("warning:", StringComparison.Ordinal)).ToList();
        if (warnings.Count > 0)
            throw new InvalidOperationException($"[{kernel.Series}] {module.Name}.ko built with warnings (W=1 must be clean):\n{string.Join('\n', warnings)}");
        var ko = Path.Combine(directory, module.Name + ".ko");
        if (!File.Exists(ko))
            throw new InvalidOperationException($"[{kernel.Series}] make succeeded but {ko} is missing");
        return ko;
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
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            Copy(file, Path.Combine(destination, Path.GetRelativePath(source, file)));
    }
}
