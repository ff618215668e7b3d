// SPDX-License-Identifier: MIT
using System.Text;
using Reflect.Guest.Scenarios;
using Reflect.Guest.Timing;
using Reflect.Guest.Vm;

namespace Reflect.Tests.Unit.Guest;

public sealed class GuestVmTests
{
    private const string ModulesDep = """
        kernel/fs/9p/9p.ko.xz: kernel/net/9p/9pnet.ko.xz kernel/fs/netfs/netfs.ko.xz
        kernel/net/9p/9pnet_virtio.ko.xz: kernel/net/9p/9pnet.ko.xz
        kernel/net/9p/9pnet.ko.xz:
        kernel/fs/netfs/netfs.ko.xz:
        kernel/drivers/char/virtio_console.ko.xz:
        """;

    [Fact]
    public void Boot_modules_load_after_their_dependencies_and_each_only_once()
    {
        IReadOnlyList<string> order = Initramfs.LoadOrder(ModulesDep, "kernel/drivers/virtio/virtio_pci.ko\n", ["virtio_pci", "9pnet-virtio", "9p", "virtio_console"]);

        order.Should().Equal(
            "kernel/net/9p/9pnet.ko.xz",
            "kernel/net/9p/9pnet_virtio.ko.xz",
            "kernel/fs/netfs/netfs.ko.xz",
            "kernel/fs/9p/9p.ko.xz",
            "kernel/drivers/char/virtio_console.ko.xz");
    }

    [Fact]
    public void A_boot_module_that_is_neither_a_module_nor_built_in_is_an_error()
    {
        Func<IReadOnlyList<string>> order = () => Initramfs.LoadOrder(ModulesDep, "", ["virtio_pci"]);

        order.Should().Throw<InvalidOperationException>().WithMessage("*virtio_pci*");
    }

    [Theory]
    [InlineData("[    3.1] WARNING: CPU: 0 PID: 120 at /build/warn_fixture.c:12 fixture_init+0x10/0x20 [warn_fixture]")]
    [InlineData("[    3.1] WARNING: warn_fixture.c:12 at fixture_init+0x10/0x20 [warn_fixture], CPU#0: insmod/125")]
    [InlineData("[    3.1] ------------[ cut here ]------------")]
    [InlineData("[    3.1] BUG: kernel NULL pointer dereference, address: 0000000000000000")]
    [InlineData("[    3.1] Oops: 0002 [#1] PREEMPT SMP NOPTI")]
    [InlineData("[    3.1] Call Trace:")]
    [InlineData("[    3.1] Kernel panic - not syncing: panic_on_warn set ...")]
    [InlineData("[    3.1] watchdog: BUG: soft lockup - CPU#1 stuck for 22s!")]
    [InlineData("unreferenced object 0xffff888004a1c000 (size 64):")]
    [InlineData("REFLECT-GUEST-FAILED: cannot mount the host's root over 9p")]
    public void Every_sign_of_kernel_trouble_on_the_console_is_found(string line)
    {
        ConsoleVerdict.Problems("[    0.0] Linux version 6.1.0\n" + line + "\n[    4.0] reboot: Power down\n").Should().Equal(line);
    }

    [Fact]
    public void A_clean_boot_log_has_no_problems()
    {
        const string log = """
            [    0.000000] Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org)
            [    1.101887] mtrr: your CPUs had inconsistent fixed MTRR settings
            [    2.760017] Unstable clock detected, switching default tracing clock to "global"
            [    4.582852] reboot: Power down
            """;

        ConsoleVerdict.Problems(log).Should().BeEmpty();
    }

    [Fact]
    public void The_cpio_archive_is_newc_with_aligned_entries_and_a_trailer()
    {
        using var stream = new MemoryStream();
        using (var cpio = new CpioWriter(stream))
        {
            cpio.AddDirectory("bb");
            cpio.AddFile("init", Encoding.ASCII.GetBytes("#!/bin/sh\n"), executable: true);
            cpio.AddSymlink("bin", "usr/bin");
        }

        byte[] bytes = stream.ToArray();
        string text = Encoding.ASCII.GetString(bytes);

        bytes.Length.Should().Be(bytes.Length / 4 * 4);
        text.Should().StartWith("070701");
        int init = text.IndexOf("init\0", StringComparison.Ordinal);
        string header = text[(init - 110)..init];
        header[..6].Should().Be("070701");
        Convert.ToInt32(header[14..22], 16).Should().Be(0x81ED, "a regular file, mode 0755");
        Convert.ToInt32(header[54..62], 16).Should().Be(10, "the file size");
        Convert.ToInt32(header[94..102], 16).Should().Be(5, "the name size with its NUL");
        text.Should().Contain("usr/bin").And.Contain("TRAILER!!!\0");
    }

    [Fact]
    public void A_scenario_passes_only_with_its_token_exit_zero_and_no_failed_check()
    {
        var good = ScenarioOutcome.Parse("two-routers", 0, "PASS: a\nPASS: b\nSCENARIO-OK: two-routers\n", "two-routers.log");
        var failedCheck = ScenarioOutcome.Parse("two-routers", 0, "PASS: a\nFAIL: b\nSCENARIO-OK: two-routers\n", "two-routers.log");
        var noToken = ScenarioOutcome.Parse("two-routers", 0, "PASS: a\n", "two-routers.log");
        var otherToken = ScenarioOutcome.Parse("two-routers", 0, "PASS: a\nSCENARIO-OK: other\n", "two-routers.log");
        var badExit = ScenarioOutcome.Parse("two-routers", 1, "PASS: a\nSCENARIO-OK: two-routers\n", "two-routers.log");

        good.Succeeded.Should().BeTrue();
        good.Passed.Should().Equal("a", "b");
        failedCheck.Failed.Should().Equal("b");
        new[] { failedCheck, noToken, otherToken, badExit }.Should().OnlyContain(o => !o.Succeeded);
    }

    [Fact]
    public void A_failed_scenario_is_summed_up_by_its_failed_and_missing_checks_and_its_log_before_its_output()
    {
        var outcome = ScenarioOutcome.Parse("mtu", 1, "noise\nPASS: a\nFAIL: b\nSCENARIO-FAILED: mtu (1 failed)\n", "artifacts/scenarios/6.1/mtu.log");

        string[] summary = outcome.FailureSummary(["a", "b", "c"])!.Split('\n');

        summary[..5].Should().Equal(
            "scenario mtu did not pass",
            "  FAIL: b",
            "  not reported: c",
            "  log: artifacts/scenarios/6.1/mtu.log",
            "  exit status 1, no success token");
        summary[^1].Should().Be("SCENARIO-FAILED: mtu (1 failed)");
    }

    [Fact]
    public void A_passed_scenario_has_no_failure_summary_unless_an_expected_check_is_missing()
    {
        var outcome = ScenarioOutcome.Parse("mtu", 0, "PASS: a\nSCENARIO-OK: mtu\n", "mtu.log");

        outcome.FailureSummary(["a"]).Should().BeNull();
        outcome.FailureSummary(["a", "b"]).Should().Contain("not reported: b");
    }

    [Fact]
    public void The_scenario_table_has_a_row_per_scenario_slowest_first_and_a_total_per_kernel()
    {
        var timings = new StageTimings();
        timings.AddScenario("6.1", "mtu", TimeSpan.FromSeconds(10));
        timings.AddScenario("6.1", "control", TimeSpan.FromSeconds(30));
        timings.AddScenario("sid", "control", TimeSpan.FromSeconds(50));

        string[] lines = timings.FormatScenarios().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines[0].Should().MatchRegex(@"^scenario\s+6\.1\s+sid$");
        lines[2].Should().MatchRegex(@"^control\s+30\.0 s\s+50\.0 s$");
        lines[3].Should().MatchRegex(@"^mtu\s+10\.0 s\s+-$");
        lines[4].Should().MatchRegex(@"^total\s+40\.0 s\s+50\.0 s$");
        timings.Format().Should().Contain("40.0 s", "scenario time counts in the kernel's scenarios stage");
    }

    [Fact]
    public void Kmemleak_reports_are_split_into_one_block_per_unreferenced_object()
    {
        const string report = """
            unreferenced object 0xffff888003a1b2c0 (size 64):
              comm "insmod", pid 301, jiffies 4294912345
              backtrace (crc 0):
                kmalloc_trace+0x2a/0x60
                fixture_init+0x1d/0x1000 [leak_fixture]
            unreferenced object 0xffff888003a1b300 (size 32):
              comm "ip", pid 302, jiffies 4294912399
            """;

        IReadOnlyList<string> leaks = QemuGuest.LeakReports(report);

        leaks.Should().HaveCount(2);
        leaks[0].Should().StartWith("unreferenced object 0xffff888003a1b2c0").And.Contain("[leak_fixture]");
        leaks[1].Should().Contain("comm \"ip\"");
    }

    [Fact]
    public void The_timing_table_has_a_row_per_kernel_with_every_stage_and_the_total()
    {
        var timings = new StageTimings();
        timings.SetKernel("6.1", "linux-image-6.1.0-56-amd64 6.1.192-2");
        timings.Add("6.1", "fetch", TimeSpan.FromSeconds(1.5));
        timings.Add("6.1", "boot", TimeSpan.FromSeconds(8));
        timings.Add("6.1", "boot", TimeSpan.FromSeconds(2));
        timings.Add("sid", "build", TimeSpan.FromSeconds(3));
        timings.MarkFailed("sid");

        string[] lines = timings.Format().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines[0].Should().MatchRegex(@"^kernel\s+package\s+fetch\s+build\s+boot\s+scenarios\s+total\s+result$");
        lines[2].Should().MatchRegex(@"^6\.1\s+linux-image-6\.1\.0-56-amd64 6\.1\.192-2\s+1\.5 s\s+-\s+10\.0 s\s+-\s+11\.5 s\s+ok$");
        lines[3].Should().MatchRegex(@"^sid\s+\?\s+-\s+3\.0 s\s+-\s+-\s+3\.0 s\s+FAIL$");
    }
}
