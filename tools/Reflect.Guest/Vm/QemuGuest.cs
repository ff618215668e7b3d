// SPDX-License-Identifier: MIT
using System.Diagnostics;
using Reflect.Guest.Kernels;
using Reflect.Guest.Processes;

namespace Reflect.Guest.Vm;

/// <summary>How to boot a guest.</summary>
public sealed record GuestOptions
{
    public int Cpus { get; init; } = 2;
    public int MemoryMiB { get; init; } = 1024;
    public TimeSpan BootTimeout { get; init; } = TimeSpan.FromMinutes(3);
    public TimeSpan DefaultCommandTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A suffix for the artifacts of a second guest of the same series (the self-test's).</summary>
    public string Label { get; init; } = "";

    /// <summary>
    /// How much longer than on a Debian kernel things take: a debug kernel (KASAN, lockdep, slab
    /// and page-allocator debugging) runs two to three times slower under TCG.
    /// </summary>
    public double TimeScale { get; init; } = 1;

    /// <summary>
    /// Instruction time (<c>-icount shift=0,sleep=off</c>): the guest's clocks advance by one
    /// nanosecond per executed instruction and idle time is skipped, so a rate measured in the
    /// guest is a count of instructions per unit of work, repeatable to about 1 %, whatever else
    /// runs on the host. Guest seconds then take several wall-clock seconds each.
    /// </summary>
    public bool InstructionTime { get; init; }

    /// <summary>One vCPU in instruction time: one instruction stream, one clock.</summary>
    public const int InstructionTimeCpus = 1;

    /// <summary>These options in instruction time (<see cref="InstructionTime"/>), with <see cref="InstructionTimeCpus"/>.</summary>
    public GuestOptions InInstructionTime() => this with { InstructionTime = true, Cpus = InstructionTimeCpus };

    /// <summary>
    /// How long the host waits for a command whose guest-side limit is <paramref name="timeout"/>:
    /// a margin for a slow guest, and in instruction time a guest second may take up to about
    /// fifteen wall-clock seconds under TCG.
    /// </summary>
    public TimeSpan HostLimit(TimeSpan timeout) => (InstructionTime ? timeout * 15 : timeout) + TimeSpan.FromSeconds(60);

    /// <summary>More words for the kernel's command line.</summary>
    public IReadOnlyList<string> KernelArguments { get; init; } = [];

    /// <summary>
    /// The options for a kernel: a debug kernel gets more memory (KASAN's shadow takes an eighth,
    /// slab debugging pads every object) and proportionally longer timeouts.
    /// </summary>
    public static GuestOptions For(KernelTree kernel) => kernel.IsDebug
        ? new GuestOptions
        {
            MemoryMiB = 2048,
            TimeScale = 3,
            BootTimeout = TimeSpan.FromMinutes(10),
            DefaultCommandTimeout = TimeSpan.FromMinutes(15),
            KernelArguments = DebugKernelArguments,
        }
        : new GuestOptions();

    /// <summary>
    /// <c>REFLECT_DEBUG_CMDLINE</c> replaces these for a run (e.g. adding <c>debug_pagealloc=off
    /// slub_debug=-</c>, which made a scenario a third faster). pci=noacpi: the debug kernel's ACPI
    /// interpreter is so slow under TCG that evaluating the PCI routing tables times out (twice 30 s
    /// of every boot); the legacy routing table serves QEMU's machine as well.
    /// </summary>
    private static IReadOnlyList<string> DebugKernelArguments =>
        (Environment.GetEnvironmentVariable("REFLECT_DEBUG_CMDLINE") ?? "pci=noacpi")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// One running QEMU guest (TCG) of one kernel. It runs bash scripts through the command channel
/// and fails loudly: a WARN, BUG, oops or call trace on the console, a panic, a hang or a closed
/// channel turns into <see cref="GuestFailedException"/>, and the console log stays at
/// <c>artifacts/console/&lt;series&gt;.log</c>.
/// </summary>
public sealed class QemuGuest : IAsyncDisposable
{
    private readonly Process _qemu;
    private readonly CommandChannel _channel;
    private readonly GuestOptions _options;
    private readonly string _socketPath;
    private long _consoleChecked;
    private string? _failure;

    private QemuGuest(KernelTree kernel, Process qemu, CommandChannel channel, GuestOptions options, string consoleLog, string socketPath, string release)
    {
        Kernel = kernel;
        _qemu = qemu;
        _channel = channel;
        _options = options;
        ConsoleLog = consoleLog;
        _socketPath = socketPath;
        Release = release;
    }

    public KernelTree Kernel { get; }
    public string ConsoleLog { get; }
    public string Release { get; }
    public GuestOptions Options => _options;

    /// <summary>Variables exported to every script, e.g. REFLECT_KO.</summary>
    public Dictionary<string, string> Variables { get; } = [];

    public static async Task<QemuGuest> BootAsync(KernelTree kernel, GuestOptions options, Action<string> progress, CancellationToken cancellationToken = default)
    {
        string name = kernel.Series + options.Label;
        string directory = Path.Combine(RepositoryPaths.Artifacts, "guests", name);
        Directory.CreateDirectory(directory);
        string consoleLog = RepositoryPaths.ConsoleLog(name);
        Directory.CreateDirectory(Path.GetDirectoryName(consoleLog)!);
        File.Delete(consoleLog);
        string initramfs = Path.Combine(directory, "initramfs.cpio");
        await Initramfs.BuildAsync(kernel, initramfs, cancellationToken);
        // Unix socket paths are limited to 108 bytes: keep it short and unique.
        string socketPath = Path.Combine(Path.GetTempPath(), $"reflect-{Environment.ProcessId}-{name}.sock");
        File.Delete(socketPath);

        string commandLine = string.Join(' ',
            "console=ttyS0", "panic=-1", "panic_on_warn=1", "oops=panic", "softlockup_panic=1", "loglevel=5",
            $"rfguest.modules={kernel.ModulesDirectory}",
            $"rfguest.bind={RepositoryPaths.Root},{RepositoryPaths.Cache}",
            string.Join(' ', options.KernelArguments));
        string[] arguments =
        [
            "-accel", "tcg,thread=single", "-cpu", "max", "-smp", options.Cpus.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-m", $"{options.MemoryMiB}M", "-nodefaults", "-display", "none", "-no-reboot",
            "-kernel", kernel.Image, "-initrd", initramfs, "-append", commandLine,
            "-chardev", $"file,id=console,path={consoleLog}", "-serial", "chardev:console",
            "-virtfs", "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap",
            "-device", "virtio-serial-pci",
            "-chardev", $"socket,id=command,path={socketPath},server=on,wait=off",
            "-device", "virtserialport,chardev=command,name=reflect.cmd",
            .. (options.InstructionTime ? (string[])["-icount", "shift=0,sleep=off"] : []),
        ];
        progress($"[{name}] booting {kernel.Identity}");
        Process qemu = Command.Start("qemu-system-x86_64", arguments, Path.Combine(directory, "qemu.log"));
        using var boot = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        boot.CancelAfter(options.BootTimeout);
        CommandChannel? channel = null;
        try
        {
            channel = await CommandChannel.ConnectAsync(socketPath, () => !qemu.HasExited, boot.Token);
            string release = await channel.WaitReadyAsync(boot.Token);
            return new QemuGuest(kernel, qemu, channel, options, consoleLog, socketPath, release);
        }
        catch (Exception e) when (e is GuestFailedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            if (channel is not null)
            {
                await channel.DisposeAsync();
            }

            await StopAsync(qemu);
            string reason = e is OperationCanceledException ? $"no READY from the guest within {options.BootTimeout}" : e.Message;
            throw new GuestFailedException(Describe($"[{name}] boot failed: {reason}", consoleLog));
        }
    }

    /// <summary>Runs a bash script in the guest and returns its status and output.</summary>
    public async Task<GuestResult> RunAsync(string script, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (_failure is not null)
        {
            throw new GuestFailedException($"[{Kernel.Series}] the guest failed earlier: {_failure}");
        }

        string exports = string.Concat(Variables.Select(v => $"export {v.Key}={Command.Quote(v.Value)}\n"));
        GuestResult result;
        try
        {
            TimeSpan limit = timeout ?? _options.DefaultCommandTimeout;
            result = await _channel.RunAsync(exports + script, limit, _options.HostLimit(limit), cancellationToken);
        }
        catch (GuestFailedException e)
        {
            throw await FailAsync(e.Message);
        }

        await CheckConsoleAsync();
        return result;
    }

    /// <summary>Runs a bash script file (a path the guest sees, e.g. in the checkout) with its arguments, each quoted.</summary>
    public Task<GuestResult> RunScriptAsync(string scriptPath, IEnumerable<string> arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        RunAsync(string.Join(' ', new[] { "bash", scriptPath }.Concat(arguments).Select(Command.Quote)), timeout, cancellationToken);

    /// <summary>Runs a script and throws, with its output, unless it exits with 0.</summary>
    public async Task<GuestResult> RunCheckedAsync(string script, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        GuestResult result = await RunAsync(script, timeout, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"[{Kernel.Series}] guest command exited with {result.ExitCode}:\n{script}\n--- output ---\n{result.Output}");
        }

        return result;
    }

    private async Task CheckConsoleAsync()
    {
        // The kernel prints asynchronously; give a WARN raised at the end of a command a moment.
        await Task.Delay(50);
        long length = new FileInfo(ConsoleLog).Length;
        IReadOnlyList<string> problems = ConsoleVerdict.ProblemsInFile(ConsoleLog, _consoleChecked);
        _consoleChecked = length;
        if (problems.Count > 0)
        {
            throw await FailAsync("the kernel reported trouble:\n  " + string.Join("\n  ", problems.Take(10)));
        }
    }

    private async Task<GuestFailedException> FailAsync(string reason)
    {
        _failure = reason;
        // A panic (panic_on_warn, oops=panic) ends QEMU by itself; wait for its last words.
        await StopAsync(_qemu, TimeSpan.FromSeconds(10));
        return new GuestFailedException(Describe($"[{Kernel.Series}] {reason}", ConsoleLog));
    }

    /// <summary>
    /// Where the kernel has kmemleak (the debug kernel): scans for leaked objects and returns each
    /// report (an "unreferenced object" block with its allocation backtrace). The guest's init clears
    /// what boot left, so only what was allocated since counts. Objects younger than kmemleak's
    /// minimum age (5 s) are not reported yet, so it waits that long first, and scans twice, as the
    /// kmemleak documentation advises against transient false positives. Returns null where the
    /// kernel has no kmemleak.
    /// </summary>
    public async Task<IReadOnlyList<string>?> ScanForLeaksAsync()
    {
        const string script = """
            k=/sys/kernel/debug/kmemleak
            [ -e "$k" ] || { echo NO-KMEMLEAK; exit 0; }
            sleep 6
            echo scan > "$k"
            echo scan > "$k"
            cat "$k"
            """;
        string output = (await RunCheckedAsync(script, TimeSpan.FromMinutes(10))).Output;
        if (output.Contains("NO-KMEMLEAK", StringComparison.Ordinal))
        {
            return null;
        }

        return LeakReports(output);
    }

    /// <summary>The "unreferenced object" blocks of kmemleak's report, each with its lines.</summary>
    public static IReadOnlyList<string> LeakReports(string kmemleak)
    {
        var reports = new List<string>();
        foreach (string line in kmemleak.Replace("\r", "").Split('\n'))
        {
            if (line.StartsWith("unreferenced object", StringComparison.Ordinal))
            {
                reports.Add(line);
            }
            else if (reports.Count > 0 && line.Length > 0)
            {
                reports[^1] += "\n" + line;
            }
        }

        return reports;
    }

    /// <summary>
    /// Powers the guest off (closing the channel ends the agent, PID 1) and checks the whole console
    /// log once more. Before that, where the kernel has kmemleak, any leaked object fails the run.
    /// Throws if the kernel reported trouble at any time.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        IReadOnlyList<string>? leaks = null;
        Exception? scanFailure = null;
        if (_failure is null && !_qemu.HasExited)
        {
            try
            {
                leaks = await ScanForLeaksAsync();
            }
            catch (Exception e) when (e is GuestFailedException or InvalidOperationException)
            {
                // Reported once the guest is off: the scan's failure is the run's.
                scanFailure = e;
            }
        }

        await _channel.DisposeAsync();
        await StopAsync(_qemu, TimeSpan.FromSeconds(30));
        File.Delete(_socketPath);
        if (scanFailure is not null)
        {
            throw new GuestFailedException(Describe($"[{Kernel.Series}] the leak scan failed: {scanFailure.Message}", ConsoleLog));
        }

        if (_failure is not null)
        {
            return;
        }

        IReadOnlyList<string> problems = ConsoleVerdict.ProblemsInFile(ConsoleLog);
        if (problems.Count > 0)
        {
            throw new GuestFailedException(Describe($"[{Kernel.Series}] the kernel reported trouble:\n  {string.Join("\n  ", problems.Take(10))}", ConsoleLog));
        }

        if (leaks is { Count: > 0 })
        {
            throw new GuestFailedException(Describe($"[{Kernel.Series}] kmemleak found {leaks.Count} leaked object(s):\n{string.Join("\n", leaks.Take(5))}", ConsoleLog));
        }
    }

    private static async Task StopAsync(Process qemu, TimeSpan? grace = null)
    {
        if (grace is { } wait)
        {
            using var timeout = new CancellationTokenSource(wait);
            try
            {
                await qemu.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        if (!qemu.HasExited)
        {
            qemu.Kill(entireProcessTree: true);
        }

        await qemu.WaitForExitAsync();
    }

    private static string Describe(string reason, string consoleLog)
    {
        string tail = File.Exists(consoleLog)
            ? string.Join('\n', File.ReadLines(consoleLog).TakeLast(40))
            : "(no console output)";
        return $"{reason}\nconsole log: {consoleLog}\n--- last console lines ---\n{tail}";
    }
}
