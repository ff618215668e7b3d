// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Text;
using CliWrap;

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
        {
            throw new CommandException(this);
        }

        return this;
    }
}

public sealed class CommandException(CommandResult result)
    : Exception($"`{result.CommandLine}` exited with {result.ExitCode}:\n{Tail(result.StandardError, result.StandardOutput)}")
{
    public CommandResult Result { get; } = result;

    private static string Tail(string stderr, string stdout)
    {
        string text = stderr.Length > 0 ? stderr : stdout;
        return text.Length <= 4000 ? text : "..." + text[^4000..];
    }
}

/// <summary>
/// The one place that starts child processes: an argument list (never a shell string), a
/// timeout or cancellation that kills the whole process tree, captured output and, for the
/// callers that show progress, each output line as it comes. CliWrap does the work underneath;
/// this class keeps the harness's own result and exception, which carry the command line.
/// </summary>
public static class Command
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Runs <paramref name="program"/> to its end and returns its exit code and output, whatever
    /// the exit code. Throws <see cref="TimeoutException"/> once <paramref name="timeout"/>
    /// (default 10 minutes) has passed and <see cref="OperationCanceledException"/> when
    /// <paramref name="cancellationToken"/> fires, in both cases after killing the process tree.
    /// </summary>
    /// <param name="onOutputLine">Sees every line of standard output and standard error, one call at a time.</param>
    public static async Task<CommandResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        TimeSpan? timeout = null,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        Action<string>? onOutputLine = null,
        CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> argumentList = [.. arguments];
        string commandLine = string.Join(' ', [program, .. argumentList.Select(Quote)]);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        PipeTarget lines = onOutputLine is null ? PipeTarget.Null : PipeTarget.ToDelegate(Serialized(onOutputLine));
        CliWrap.Command command = CliWrap.Cli.Wrap(program)
            .WithArguments(argumentList)
            .WithWorkingDirectory(workingDirectory ?? Environment.CurrentDirectory)
            .WithEnvironmentVariables(variables =>
            {
                foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
                {
                    variables.Set(key, value);
                }
            })
            .WithStandardOutputPipe(PipeTarget.Merge(PipeTarget.ToStringBuilder(stdout), lines))
            .WithStandardErrorPipe(PipeTarget.Merge(PipeTarget.ToStringBuilder(stderr), lines))
            .WithValidation(CommandResultValidation.None);

        TimeSpan limit = timeout ?? DefaultTimeout;
        using var killSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        killSource.CancelAfter(limit);
        var started = Stopwatch.StartNew();
        try
        {
            // A forceful cancellation makes CliWrap kill the entire process tree and wait for it.
            CliWrap.CommandResult result = await command.ExecuteAsync(killSource.Token);
            return new CommandResult(commandLine, result.ExitCode, stdout.ToString(), stderr.ToString(), started.Elapsed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"`{commandLine}` did not finish within {limit}");
        }
    }

    /// <summary>Runs as <see cref="RunAsync"/> does and throws <see cref="CommandException"/> on a non-zero exit.</summary>
    public static async Task<CommandResult> RunCheckedAsync(
        string program,
        IEnumerable<string> arguments,
        TimeSpan? timeout = null,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default)
    {
        CommandResult result = await RunAsync(program, arguments, timeout, workingDirectory, environment, null, cancellationToken);
        return result.EnsureSuccess();
    }

    /// <summary>
    /// Starts a long-running process (QEMU) whose output goes to <paramref name="outputFile"/>;
    /// the caller waits for it or kills it.
    /// </summary>
    /// <remarks>
    /// This one stays on <see cref="Process"/>: the guest asks whether QEMU still runs, waits for
    /// it with a grace period and kills it at a moment of its choosing, long after the start.
    /// CliWrap hands back only a task and a process id, ties the kill to a token given at the
    /// start, and pumps the output through this process for the guest's whole life; a
    /// <see cref="Process"/> whose output the shell sends straight to the file does all of it.
    /// </remarks>
    public static Process Start(string program, IEnumerable<string> arguments, string outputFile)
    {
        var info = new ProcessStartInfo("sh") { UseShellExecute = false, RedirectStandardInput = true };
        // sh only redirects the output to the file; exec keeps the process id the program's own.
        foreach (string argument in new[] { "-c", "exec \"$0\" \"$@\" >>\"$OUTPUT_FILE\" 2>&1", program }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["OUTPUT_FILE"] = outputFile;
        Process process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {program}");
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Quotes <paramref name="argument"/> for a POSIX shell, leaving plain words as they are.</summary>
    internal static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./=:,+@%".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''") + "'";

    // Standard output and standard error are read at the same time; the callback sees one line at a time.
    private static Action<string> Serialized(Action<string> onOutputLine)
    {
        var gate = new Lock();
        return line =>
        {
            lock (gate)
            {
                onOutputLine(line);
            }
        };
    }
}
