// SPDX-License-Identifier: MIT
using Reflect.Perf.Protocol;

namespace Reflect.Tests.Unit.Perf;

public sealed class Iperf3ReportTests
{
    /// <summary>A measure result as bench.sh prints it: iperf3's report with its newlines taken out.</summary>
    private static string ResultWith(string workload, string report) =>
        $"RESULT {{\"kind\":\"measure\",\"workload\":\"{workload}\",\"iperf3\":{report.Replace('\n', ' ')}}}";

    private static string Report(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Perf", "Data", $"iperf3-{name}.json"));

    [Theory]
    [InlineData("tcp1", 16013.78050111347)]
    [InlineData("tcp4", 17558.9245154545)]
    public void A_bulk_measurement_is_the_rate_the_client_received_in_megabits(string workload, double mbits)
    {
        MeasureResult result = ResultLines.Measure(ResultWith(workload, Report(workload)));

        result.Workload.Should().Be(workload);
        result.Value.Should().BeApproximately(mbits, 1e-6);
        result.Unit.Should().Be("Mbit/s");
    }

    [Fact]
    public void A_small_packet_measurement_is_the_datagrams_that_arrived_per_second()
    {
        // end.sum: 676,820 packets, 238,057 of them lost, in 3.000009 s.
        MeasureResult result = ResultLines.Measure(ResultWith("udp64", Report("udp64")));

        result.Should().BeEquivalentTo(new { Workload = "udp64", Unit = "pps" });
        result.Value.Should().BeApproximately(146253.8945716496, 1e-6);
    }

    [Fact]
    public void Lost_datagrams_do_not_count_as_arrived()
    {
        string report = """{"end":{"sum":{"seconds":2.0,"packets":1000,"lost_packets":250}}}""";

        ResultLines.Measure(ResultWith("udp64", report)).Value.Should().Be(375);
    }

    [Theory]
    [InlineData("tcp1", """{"error":"unable to connect to server: Connection refused"}""", "*error*Connection refused*")]
    [InlineData("tcp1", """{"end":{"sum_sent":{"bits_per_second":1e9}}}""", "*no end.sum_received.bits_per_second*")]
    [InlineData("udp64", """{"end":{"sum":{"seconds":1,"packets":"many","lost_packets":0}}}""", "*end.sum.packets is \"many\"*")]
    [InlineData("udp64", """{"end":{"sum":{"seconds":0,"packets":10,"lost_packets":0}}}""", "*does not make a rate*")]
    [InlineData("udp64", """{"end":{"sum":{"seconds":1,"packets":10,"lost_packets":11}}}""", "*does not make a rate*")]
    [InlineData("rr", """{"end":{}}""", "*'rr', which is not an iperf3 workload*")]
    [InlineData("tcp1", "[1]", "*field 'iperf3' must be a JSON object*")]
    public void A_report_without_the_figure_is_rejected_saying_what_is_missing(string workload, string report, string complaint)
    {
        Func<MeasureResult> read = () => ResultLines.Measure(ResultWith(workload, report));

        read.Should().Throw<BenchProtocolException>().WithMessage(complaint);
    }

    [Fact]
    public void An_error_quotes_a_long_line_only_in_part()
    {
        string line = ResultWith("tcp1", Report("tcp4")).Replace("\"kind\":\"measure\"", "\"kind\":\"fill\"", StringComparison.Ordinal);

        Func<MeasureResult> read = () => ResultLines.Measure(line);

        string message = read.Should().Throw<BenchProtocolException>().Which.Message;
        message.Should().Contain($"({line.Length} characters)");
        message.Length.Should().BeLessThan(500);
    }
}
