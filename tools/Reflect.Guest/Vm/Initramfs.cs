// SPDX-License-Identifier: MIT
using System.Reflection;
using Reflect.Guest.Kernels;
using Reflect.Guest.Processes;

namespace Reflect.Guest.Vm;

/// <summary>
/// The guest's initramfs: static busybox, the init and agent scripts, and the modules that reach
/// the host (virtio PCI, 9p over virtio, virtio console) with their dependencies in load order,
/// resolved from the kernel's own modules.dep, decompressed for busybox insmod.
/// </summary>
public static class Initramfs
{
    /// <summary>Modules the guest loads before it can see the host; built-in ones are skipped.</summary>
    public static readonly IReadOnlyList<string> BootModules = ["virtio_pci", "virtio_console", "9pnet_virtio", "9p"];

    private const string Busybox = "/bin/busybox";

    public static async Task BuildAsync(KernelTree kernel, string output, CancellationToken cancellationToken = default)
    {
        string moduleRoot = Path.Combine(kernel.ModulesDirectory, kernel.Abi);
        IReadOnlyList<string> order = LoadOrder(
            await File.ReadAllTextAsync(Path.Combine(moduleRoot, "modules.dep"), cancellationToken),
            await File.ReadAllTextAsync(Path.Combine(moduleRoot, "modules.builtin"), cancellationToken),
            BootModules);

        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await using FileStream file = File.Create(output);
        using var cpio = new CpioWriter(file);
        foreach (string dir in new[] { "bb", "dev", "proc", "sys", "run", "tmp", "var", "usr", "etc", "host", "root", "lib", "modules" })
        {
            cpio.AddDirectory(dir);
        }

        foreach (string link in new[] { "bin", "sbin", "lib64" })
        {
            cpio.AddSymlink(link, "usr/" + link);
        }

        cpio.AddFile("bb/busybox", await File.ReadAllBytesAsync(Busybox, cancellationToken), executable: true);
        cpio.AddFile("init", GuestScript("init"), executable: true);
        cpio.AddFile("agent", GuestScript("agent"), executable: true);
        foreach (string relative in order)
        {
            cpio.AddFile("modules/" + ModuleFileName(relative), await DecompressAsync(Path.Combine(moduleRoot, relative), cancellationToken));
        }

        cpio.AddFile("modules/order", System.Text.Encoding.ASCII.GetBytes(string.Concat(order.Select(m => ModuleFileName(m) + "\n"))));
    }

    /// <summary>
    /// The modules.dep paths to load, dependencies first, for <paramref name="wanted"/> module names
    /// ('-' and '_' are the same). A module listed in modules.builtin needs no loading.
    /// </summary>
    public static IReadOnlyList<string> LoadOrder(string modulesDep, string modulesBuiltin, IEnumerable<string> wanted)
    {
        var dependencies = new Dictionary<string, string[]>();
        var byName = new Dictionary<string, string>();
        foreach (string line in modulesDep.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = line.IndexOf(':');
            string path = line[..colon];
            dependencies[path] = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            byName[NameOf(path)] = path;
        }

        var builtin = modulesBuiltin.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(NameOf).ToHashSet();
        var order = new List<string>();
        void Visit(string path)
        {
            if (order.Contains(path))
            {
                return;
            }

            foreach (string dependency in dependencies.GetValueOrDefault(path, []))
            {
                Visit(dependency);
            }

            order.Add(path);
        }

        foreach (string name in wanted.Select(Normalize))
        {
            if (byName.TryGetValue(name, out string? path))
            {
                Visit(path);
            }
            else if (!builtin.Contains(name))
            {
                throw new InvalidOperationException($"module {name} is neither in modules.dep nor built in");
            }
        }

        return order;
    }

    private static string NameOf(string path)
    {
        string file = Path.GetFileName(path);
        return Normalize(file[..file.IndexOf(".ko", StringComparison.Ordinal)]);
    }

    private static string Normalize(string name) => name.Replace('-', '_');

    private static string ModuleFileName(string path) => NameOf(path) + ".ko";

    private static async Task<byte[]> DecompressAsync(string path, CancellationToken cancellationToken)
    {
        string? tool = Path.GetExtension(path) switch { ".xz" => "xz", ".zst" => "zstd", ".gz" => "gzip", _ => null };
        if (tool is null)
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }

        string temporary = Path.GetTempFileName();
        try
        {
            await Command.RunCheckedAsync("sh", ["-c", $"{tool} -dc \"$1\" > \"$2\"", "sh", path, temporary], cancellationToken: cancellationToken);
            return await File.ReadAllBytesAsync(temporary, cancellationToken);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static byte[] GuestScript(string name)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("guest/" + name)
            ?? throw new InvalidOperationException($"guest script {name} is not embedded");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
