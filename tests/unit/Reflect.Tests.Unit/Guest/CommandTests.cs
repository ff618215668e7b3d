// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;
using System.Diagnostics;
using Reflect.Guest.Processes;

namespace Reflect.Tests.Unit.Guest;

public sealed class CommandTests
{
    [Fact]
    public async Task A_finished_process_returns_its_exit_code_and_both_outputs()
    {
        CommandResult result = await Command.RunAsync("sh", ["-c", "echo out; echo err >&2; exit 3"]);

        result.ExitCode.Should().Be(3);
        result.Succeeded.Should().BeFalse();
        result.StandardOutput.Should().Be("out\n");
        result.StandardError.Should().Be("err\n");
    }

    [Fact]
    public async Task A_non_zero_exit_of_a_checked_run_throws_with_the_command_line_and_stderr()
    {
        Func<Task> run = () => Command.RunCheckedAsync("sh", ["-c", "echo broken >&2; exit 4"]);

        CommandException thrown = (await run.Should().ThrowAsync<CommandException>()).Which;
        thrown.Message.Should().StartWith("`sh -c 'echo broken >&2; exit 4'` exited with 4:").And.Contain("broken");
        thrown.Result.ExitCode.Should().Be(4);
        thrown.Result.StandardError.Should().Be("broken\n");
    }

    [Fact]
    public async Task Arguments_reach_the_program_one_by_one_without_a_shell()
    {
        CommandResult result = await Command.RunCheckedAsync("printf", ["%s|", "two words", "it's", "$HOME", ""]);

        result.StandardOutput.Should().Be("two words|it's|$HOME||");
    }

    [Fact]
    public async Task The_working_directory_and_extra_environment_reach_the_program()
    {
        string directory = Path.GetTempPath();
        var environment = new Dictionary<string, string> { ["REFLECT_COMMAND_TEST"] = "seen" };

        CommandResult result = await Command.RunCheckedAsync("sh", ["-c", "pwd; echo $REFLECT_COMMAND_TEST"], workingDirectory: directory, environment: environment);

        result.StandardOutput.Should().Be($"{Path.GetFullPath(directory).TrimEnd('/')}\nseen\n");
    }

    [Fact]
    public async Task The_output_callback_sees_each_line_of_both_outputs_as_it_comes()
    {
        var lines = new ConcurrentQueue<string>();

        await Command.RunAsync("sh", ["-c", "echo one; echo two >&2; printf 'three'"], onOutputLine: lines.Enqueue);

        lines.Should().BeEquivalentTo(["one", "two", "three"]);
    }

    [Fact]
    public async Task A_timeout_kills_the_whole_process_tree_and_says_what_timed_out()
    {
        var pids = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();

        Func<Task> run = () => Command.RunAsync("sh", ["-c", "sleep 30 & echo $!; wait"], TimeSpan.FromSeconds(1), onOutputLine: pids.Enqueue);

        (await run.Should().ThrowAsync<TimeoutException>()).Which.Message.Should().Contain("sleep 30");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        pids.Should().ContainSingle();
        (await IsGoneAsync(int.Parse(pids.Single()))).Should().BeTrue("the background sleep belongs to the killed tree");
    }

    [Fact]
    public async Task Cancellation_kills_the_process_tree_and_throws_as_cancellation()
    {
        var pids = new ConcurrentQueue<string>();
        using var cancellation = new CancellationTokenSource();

        Task<CommandResult> run = Command.RunAsync("sh", ["-c", "sleep 30 & echo $!; wait"],
            onOutputLine: line => { pids.Enqueue(line); cancellation.Cancel(); }, cancellationToken: cancellation.Token);

        await FluentActions.Awaiting(() => run).Should().ThrowAsync<OperationCanceledException>();
        (await IsGoneAsync(int.Parse(pids.Single()))).Should().BeTrue("the background sleep belongs to the cancelled tree");
    }

    [Theory]
    [InlineData("plain-word_1.2/x=y:z,+@%", "plain-word_1.2/x=y:z,+@%")]
    [InlineData("two words", "'two words'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("", "''")]
    public void Quote_leaves_plain_words_alone_and_single_quotes_the_rest(string argument, string quoted)
    {
        Command.Quote(argument).Should().Be(quoted);
    }

    // Killed processes may linger as zombies until whoever adopted them reaps them.
    private static async Task<bool> IsGoneAsync(int pid)
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            string stat;
            try
            {
                stat = await File.ReadAllTextAsync($"/proc/{pid}/stat");
            }
            catch (IOException)
            {
                return true;
            }

            if (stat.Split(") ")[^1].StartsWith('Z'))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
