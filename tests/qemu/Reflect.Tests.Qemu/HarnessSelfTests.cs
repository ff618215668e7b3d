// SPDX-License-Identifier: MIT
using FluentAssertions;
using Reflect.Guest;
using Reflect.Guest.Vm;
using Xunit;

namespace Reflect.Tests.Qemu;

/// <summary>
/// The harness proves on itself that it catches a kernel warning: a fixture module WARNs on load,
/// and the run must fail with the console log kept. It boots a guest of its own per kernel, so the
/// pooled guests stay untouched.
/// </summary>
[Collection(GuestsDefinition.Name)]
public sealed class HarnessSelfTests(GuestPool pool)
{
    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    public async Task A_module_that_warns_fails_the_run_and_the_console_log_is_kept(string series)
    {
        PreparedKernel kernel = await pool.KernelAsync(series);
        QemuGuest guest = await pool.Lab.BootAsync(kernel, GuestOptions.For(kernel.Tree) with { Label = "-selftest" });
        await using (guest)
        {
            Func<Task<GuestResult>> load = () => guest.RunAsync("insmod \"$WARN_FIXTURE_KO\"");

            GuestFailedException failure = (await load.Should().ThrowAsync<GuestFailedException>()).Which;

            failure.Message.Should().Contain(guest.ConsoleLog);
            guest.ConsoleLog.Should().Be(RepositoryPaths.ConsoleLog(series + "-selftest"));
            File.ReadAllText(guest.ConsoleLog).Should().Contain("reflect harness self-test: deliberate warning");
        }

        Func<Task<GuestResult>> afterwards = () => guest.RunAsync("true");
        await afterwards.Should().ThrowAsync<GuestFailedException>("a failed guest refuses further commands");
    }

    /// <summary>
    /// On a debug kernel a fixture module leaks one allocation, and powering the guest off must fail
    /// with kmemleak's report of it. A Debian kernel has no kmemleak: the scan must say so rather
    /// than report a clean result.
    /// </summary>
    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    public async Task A_module_that_leaks_fails_the_run_where_the_kernel_has_kmemleak(string series)
    {
        PreparedKernel kernel = await pool.KernelAsync(series);
        if (!kernel.Tree.IsDebug)
        {
            IReadOnlyList<string>? scan = await (await pool.GuestAsync(series)).ScanForLeaksAsync();

            scan.Should().BeNull("Debian's kernels have no kmemleak");
            return;
        }

        QemuGuest guest = await pool.Lab.BootAsync(kernel, GuestOptions.For(kernel.Tree) with { Label = "-leaktest" });
        await guest.RunCheckedAsync("insmod \"$LEAK_FIXTURE_KO\" && rmmod leak_fixture");

        Func<Task> powerOff = async () => await guest.DisposeAsync();

        GuestFailedException failure = (await powerOff.Should().ThrowAsync<GuestFailedException>()).Which;
        failure.Message.Should().Contain("kmemleak found").And.Contain("leak_fixture");
    }

    [Theory]
    [MemberData(nameof(GuestPool.Kernels), MemberType = typeof(GuestPool))]
    public async Task A_command_that_outlives_its_timeout_is_stopped_and_reported(string series)
    {
        QemuGuest guest = await pool.GuestAsync(series);
        // A debug kernel takes seconds just to start bash: the timeout scales, the sleep outlasts it.
        TimeSpan timeout = TimeSpan.FromSeconds(2) * guest.Options.TimeScale;

        GuestResult result = await guest.RunAsync("echo started; sleep 60; echo finished", timeout);

        result.Succeeded.Should().BeFalse();
        result.Output.Should().Contain("started").And.NotContain("finished");
        result.Duration.Should().BeLessThan(timeout + TimeSpan.FromSeconds(20));
    }
}
