// SPDX-License-Identifier: MIT
using Reflect.Perf.Protocol;

namespace Reflect.Tests.Unit.Perf;

public sealed class ResultLinesTests
{
    [Fact]
    public void A_check_line_is_read_and_diagnostics_around_it_are_ignored()
    {
        const string output = """
            + ip netns exec appliance-beef ...
            RESULT {"kind":"check","config":"peer","reflects":true,"expected":true,"ok":true,"detail":"tcp replies via R2: 812, via R1: 0"}
            done
            """;

        ResultLines.Check(output).Should().Be(new CheckResult("peer", true, true, true, "tcp replies via R2: 812, via R1: 0"));
    }

    [Fact]
    public void A_measure_line_gives_the_workload_value_and_unit()
    {
        ResultLines.Measure("RESULT {\"kind\":\"measure\",\"workload\":\"udp64\",\"value\":81234.5,\"unit\":\"pps\"}\r\n")
            .Should().Be(new MeasureResult("udp64", 81234.5, "pps"));
    }

    [Fact]
    public void A_fill_line_gives_the_entries_and_the_seconds()
    {
        ResultLines.Fill("RESULT {\"kind\":\"fill\",\"entries\":100000,\"seconds\":8.1}").Should().Be(new FillResult(100_000, 8.1));
    }

    [Fact]
    public void Facts_are_every_result_line_of_kind_fact_with_the_detail_optional()
    {
        const string output = """
            RESULT {"kind":"fact","name":"bytes_per_entry","value":96,"unit":"bytes","detail":"slab grew 9375 kB for 100000 entries"}
            pktgen: 200000 packets
            RESULT {"kind":"fact","name":"learn_rate","value":41000,"unit":"entries/s"}
            """;

        ResultLines.Facts(output).Should().Equal(
            new Fact("bytes_per_entry", 96, "bytes", "slab grew 9375 kB for 100000 entries"),
            new Fact("learn_rate", 41000, "entries/s", ""));
    }

    [Fact]
    public void Versions_keep_every_field_and_name_the_guest_kernel_and_cpu()
    {
        GuestVersions versions = ResultLines.Versions(
            "RESULT {\"kind\":\"versions\",\"qemu_guest_kernel\":\"6.1.0-56-amd64\",\"cpu\":\"QEMU TCG CPU\",\"iperf3\":\"iperf 3.12\",\"sockperf\":\"3.10\"}");

        versions.Kernel.Should().Be("6.1.0-56-amd64");
        versions.Cpu.Should().Be("QEMU TCG CPU");
        versions.All.Should().Contain("iperf3", "iperf 3.12").And.Contain("sockperf", "3.10").And.NotContainKey("kind");
    }

    [Fact]
    public void Versions_also_read_the_guest_kernel_under_the_name_guest_kernel()
    {
        ResultLines.Versions("RESULT {\"kind\":\"versions\",\"guest_kernel\":\"6.12.117+deb12-amd64\",\"cpu\":\"x\"}").Kernel
            .Should().Be("6.12.117+deb12-amd64");
    }

    [Theory]
    [InlineData("RESULT {\"kind\":\"measure\",\"workload\":\"tcp1\",\"value\":61", "not valid JSON")]
    [InlineData("RESULT [1,2]", "not a JSON object")]
    [InlineData("RESULT {\"workload\":\"tcp1\",\"value\":1,\"unit\":\"Mbit/s\"}", "no string field 'kind'")]
    [InlineData("RESULT {\"kind\":\"check\",\"config\":\"peer\"}", "kind 'measure', got kind 'check'")]
    [InlineData("RESULT {\"kind\":\"measure\",\"workload\":\"tcp1\",\"unit\":\"Mbit/s\"}", "field 'value' must be a finite number")]
    [InlineData("RESULT {\"kind\":\"measure\",\"workload\":\"tcp1\",\"value\":\"612\",\"unit\":\"Mbit/s\"}", "field 'value' must be a finite number")]
    [InlineData("RESULT {\"kind\":\"measure\",\"workload\":\"tcp1\",\"value\":null,\"unit\":\"Mbit/s\"}", "field 'value' must be a finite number")]
    [InlineData("RESULT {\"kind\":\"measure\",\"workload\":\"tcp1\",\"value\":-1,\"unit\":\"Mbit/s\"}", "field 'value' must be a number >= 0")]
    [InlineData("RESULT {\"kind\":\"measure\",\"workload\":7,\"value\":1,\"unit\":\"Mbit/s\"}", "field 'workload' must be a string")]
    [InlineData("iperf3: error - unable to connect", "got 0")]
    [InlineData("RESULT {\"kind\":\"measure\",\"workload\":\"tcp1\",\"value\":1,\"unit\":\"Mbit/s\"}\nRESULT {\"kind\":\"measure\",\"workload\":\"tcp1\",\"value\":2,\"unit\":\"Mbit/s\"}", "got 2")]
    public void A_malformed_or_missing_result_is_rejected_saying_what_is_wrong(string output, string complaint)
    {
        Func<MeasureResult> read = () => ResultLines.Measure(output);

        read.Should().Throw<BenchProtocolException>().WithMessage($"*{complaint}*");
    }

    [Fact]
    public void A_check_whose_flags_are_not_booleans_is_rejected()
    {
        Func<CheckResult> read = () => ResultLines.Check(
            "RESULT {\"kind\":\"check\",\"config\":\"peer\",\"reflects\":\"yes\",\"expected\":true,\"ok\":true,\"detail\":\"\"}");

        read.Should().Throw<BenchProtocolException>().WithMessage("*'reflects' must be true or false*");
    }

    [Fact]
    public void A_fill_with_a_fractional_entry_count_is_rejected()
    {
        Func<FillResult> read = () => ResultLines.Fill("RESULT {\"kind\":\"fill\",\"entries\":1.5,\"seconds\":1}");

        read.Should().Throw<BenchProtocolException>().WithMessage("*'entries' must be a whole number*");
    }

    [Fact]
    public void A_line_that_only_mentions_result_is_a_diagnostic()
    {
        ResultLines.Facts("no RESULT here\n RESULT {\"kind\":\"measure\"} (indented: not a result)\n").Should().BeEmpty();
    }
}
