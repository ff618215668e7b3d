// SPDX-License-Identifier: MIT
using System.Text.Json;
using Reflect.Perf.Plan;

namespace Reflect.Perf.Protocol;

/// <summary>
/// Reads the report iperf3 writes with -J, which bench.sh passes on whole (newlines taken out) as
/// the field <c>iperf3</c> of a measure result. The figure is picked here rather than by jq in
/// the guest: a jq start costs about 0.3 s under TCG, on every one of a run's iperf3
/// measurements. The figure is what the receiving end, the client, saw:
/// <list type="bullet">
/// <item>tcp1, tcp4: <c>end.sum_received.bits_per_second</c>, in Mbit/s;</item>
/// <item>udp64: <c>(end.sum.packets - end.sum.lost_packets) / end.sum.seconds</c>, the datagrams that
/// arrived per second.</item>
/// </list>
/// </summary>
internal static class Iperf3Report
{
    public static MeasureResult Measure(string workload, JsonElement report)
    {
        if (report.TryGetProperty("error", out JsonElement error))
        {
            throw new BenchProtocolException($"iperf3 reported an error: {error}");
        }

        switch (workload)
        {
            case Workloads.Tcp1 or Workloads.Tcp4:
                return new MeasureResult(workload, Number(report, "end", "sum_received", "bits_per_second") / 1e6, "Mbit/s");
            case Workloads.Udp64:
                double packets = Number(report, "end", "sum", "packets");
                double lost = Number(report, "end", "sum", "lost_packets");
                double seconds = Number(report, "end", "sum", "seconds");
                if (lost > packets || seconds <= 0)
                {
                    throw new BenchProtocolException($"iperf3 report: {lost} of {packets} datagrams lost in {seconds} s does not make a rate");
                }

                return new MeasureResult(workload, (packets - lost) / seconds, "pps");
            default:
                throw new BenchProtocolException($"an iperf3 report came for '{workload}', which is not an iperf3 workload");
        }
    }

    /// <summary>The number at <paramref name="path"/>: finite and not negative.</summary>
    private static double Number(JsonElement report, params string[] path)
    {
        JsonElement element = report;
        foreach (string name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                throw new BenchProtocolException($"iperf3 report has no {string.Join('.', path)}");
            }
        }

        return element.ValueKind == JsonValueKind.Number && element.GetDouble() is var value && double.IsFinite(value) && value >= 0
            ? value
            : throw new BenchProtocolException($"iperf3 report: {string.Join('.', path)} is {element.GetRawText()}, not a number >= 0");
    }
}
