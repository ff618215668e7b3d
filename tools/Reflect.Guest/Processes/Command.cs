using System.Diagnostics;
using System.Text;

namespace Reflect.Guest.Processes;

/// <summary>
/// The result of a finished child process.
/// </summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws <see cref="CommandException"/> unless the process exited with 0.</summary>
    public CommandResult EnsureSuccess()
    {
        if (!Succeeded)
            throw new CommandException(this);
        return this;
    }
}

public sealed class CommandException(CommandResult result)
    : Exception($"`{result.CommandLine}` exited with {result.ExitCode}:\n{Tail(result.StandardError, result.StandardOutput)}")
{
    public CommandResult Result { get; } = result;

    private static string Tail(string stderr, string stdout)
    {
        var text = stderr.Length > 0 ? stderr : stdout;
        return text.Length <= 4000 ? text : "..." + text[^4000..];
    }
}

/// <summary>
/// Runs child processes with an argument list (never a shell string), a timeout that kills the
/// whole process tree, and captured output.
///
/// This is the project's stand-in for CliWrap, which the NuGet mirror does not carry: the one
/// place that starts processes, kept to what the harness needs.
/// </summary>
public static class Command
{
    public static Task<CommandResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        TimeSpan? timeout = null,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        Action<string>? onOutputLine = null,
        CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        return RunAsync(info, timeout ?? TimeSpan.FromMinutes(10), onOutputLine, cancellationToken);
    }

    /// <summary>Runs and throws <see cref="CommandException"/> on a non-zero exit.</summary>
    public static async Task<CommandResult> RunCheckedAsync(
        string program,
        IEnumerable<string> arguments,
        TimeSpan? timeout = null,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(program, arguments, timeout, workingDirectory, environment, null, cancellationToken);
        return result.EnsureSuccess();
    }

    private static async Task<CommandResult> RunAsync(
        ProcessStartInfo info, TimeSpan timeout, Action<string>? onOutputLine, CancellationToken cancellationToken)
    {
        var commandLine = string.Join(' ', new[] { info.FileName }.Concat(info.ArgumentList.Select(Quote)));
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var started = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data, onOutputLine);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data, onOutputLine);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"`{commandLine}` did not finish within {timeout}");
        }
        // The parameterless wait flushes the asynchronous output readers.
        process.WaitForExit();
        return new CommandResult(commandLine, process.ExitCode, stdout.ToString(), stderr.ToString(), started.Elapsed);
    }

    /// <summary>
    /// Starts a long-running process (QEMU) whose output goes to <paramref name="outputFile"/>;
    /// the caller waits for it or kills it.
    /// </summary>
    public static Process Start(string program, IEnumerable<string> arguments, string outputFile)
    {
        var info = new ProcessStartInfo("sh") { UseShellExecute = false, RedirectStandardInput = true };
        // sh only redirects the output to the file; exec keeps the process id the program's own.
        foreach (var argument in new[] { "-c", "exec \"$0\" \"$@\" >>\"$OUTPUT_FILE\" 2>&1", program }.Concat(arguments))
            info.ArgumentList.Add(argument);
        info.Environment["OUTPUT_FILE"] = outputFile;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {program}");
        process.StandardInput.Close();
        return process;
    }

    private static void Append(StringBuilder buffer, string? line, Action<string>? onOutputLine)
    {
        if (line is null)
            return;
        lock (buffer)
            buffer.Append(line).Append('\n');
        onOutputLine?.Invoke(line);
    }

    internal static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./=:,+@%".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''") + "'";
}
