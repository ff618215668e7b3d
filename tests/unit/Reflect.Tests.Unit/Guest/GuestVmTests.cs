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
        var order = Initramfs.LoadOrder(ModulesDep, "kernel/drivers/virtio/virtio_pci.ko\n", ["virtio_pci", "9pnet-virtio", "9p", "virtio_console"]);

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
        var order = () => Initramfs.LoadOrder(ModulesDep, "", ["virtio_pci"]);

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
        var bytes = stream.ToArray();
        var text = Encoding.ASCII.GetString(bytes);

        bytes.Length.Should().Be(bytes.Length / 4 * 4);
        text.Should().StartWith("070701");
        var init = text.IndexOf("init\0", StringComparison.Ordinal);
        var header = text[(init - 110)..init];
        header[..6].Should().Be("070701");
        Convert.ToInt32(header[14..22], 16).Should().Be(0x81ED, "a regular file, mode 0755");
        Convert.ToInt32(header[54..62], 16).Should().Be(10, "the file size");
        Convert.ToInt32(header[94..102], 16).Should().Be(5, "the name size with its NUL");
        text.Should().Contain("usr/bin").And.Contain("TRAILER!!!\0");
    }

    [Fact]
    public void A_scenario_passes_only_with_its_token_exit_zero_and_no_failed_check()
    {
        var good = ScenarioOutcome.Parse("two-routers", 0, "PASS: a\nPASS: b\nSCENARIO-OK: two-routers\n");
        var failedCheck = ScenarioOutcome.Parse("two-routers", 0, "PASS: a\nFAIL: b\nSCENARIO-OK: two-routers\n");
        var noToken = ScenarioOutcome.Parse("two-routers", 0, "PASS: a\n");
        var otherToken = ScenarioOutcome.Parse("two-routers", 0, "PASS: a\nSCENARIO-OK: other\n");
        var badExit = ScenarioOutcome.Parse("two-routers", 1, "PASS: a\nSCENARIO-OK: two-routers\n");

        good.Succeeded.Should().BeTrue();
        good.Passed.Should().Equal("a", "b");
        failedCheck.Failed.Should().Equal("b");
        new[] { failedCheck, noToken, otherToken, badExit }.Should().OnlyContain(o => !o.Succeeded);
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

        var lines = timings.Format().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        lines[0].Should().MatchRegex(@"^kernel\s+package\s+fetch\s+build\s+boot\s+scenarios\s+total\s+result$");
        lines[2].Should().MatchRegex(@"^6\.1\s+linux-image-6\.1\.0-56-amd64 6\.1\.192-2\s+1\.5 s\s+-\s+10\.0 s\s+-\s+11\.5 s\s+ok$");
        lines[3].Should().MatchRegex(@"^sid\s+\?\s+-\s+3\.0 s\s+-\s+-\s+3\.0 s\s+FAIL$");
    }
}
