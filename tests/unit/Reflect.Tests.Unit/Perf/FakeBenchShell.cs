// SPDX-License-Identifier: MIT
using Reflect.Guest.Vm;
using Reflect.Perf.Plan;
using Reflect.Perf.Protocol;

namespace Reflect.Tests.Unit.Perf;

/// <summary>
/// Stands in for bench.sh in a guest: remembers every command, switches a pretend configuration,
/// and answers with RESULT lines as the contract draws them. Tests say which configurations do
/// not reflect and which commands fail.
/// </summary>
internal sealed class FakeBenchShell : IGuestShell
{
    private string _configuration = "none";

    public List<string> Calls { get; } = [];

    /// <summary>The configuration that was current when each measure ran.</summary>
    public List<string> MeasuredIn { get; } = [];

    public HashSet<string> NotReflecting { get; } = [];

    /// <summary>Fails (exit 1) a command, given the current configuration and the command line.</summary>
    public Func<string, string, bool> Fails { get; set; } = (_, _) => false;

    public Task<GuestResult> RunScriptAsync(string script, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string line = string.Join(' ', arguments);
        Calls.Add(line);
        if (Fails(_configuration, line))
        {
            return Answer(1, $"bench.sh: {arguments[0]} failed in {_configuration}");
        }

        switch (arguments[0])
        {
            case "config":
                _configuration = arguments[2];
                return Answer(0, "");
            case "check":
                bool expected = Configurations.ExpectedToReflect(arguments[2]);
                bool reflects = NotReflecting.Contains(arguments[2]) ? !expected : expected;
                return Answer(0, $"RESULT {{\"kind\":\"check\",\"config\":\"{arguments[2]}\",\"reflects\":{Json(reflects)},\"expected\":{Json(expected)},\"ok\":{Json(reflects == expected)},\"detail\":\"counted\"}}");
            case "measure":
                MeasuredIn.Add(_configuration);
                int value = (_configuration == Configurations.Plain ? 100 : 98) * (arguments[2] == Workloads.Udp64 ? 1000 : 1);
                return Answer(0, $"RESULT {{\"kind\":\"measure\",\"workload\":\"{arguments[2]}\",\"value\":{value},\"unit\":\"{PerfData.Unit(arguments[2])}\"}}");
            case "fill":
                return Answer(0, $"RESULT {{\"kind\":\"fill\",\"entries\":{arguments[2]},\"seconds\":0.5}}");
            case "facts":
                return Answer(0, "RESULT {\"kind\":\"fact\",\"name\":\"bytes_per_entry\",\"value\":96,\"unit\":\"bytes\",\"detail\":\"slab\"}");
            case "versions":
                return Answer(0, "RESULT {\"kind\":\"versions\",\"qemu_guest_kernel\":\"6.1.0-56-amd64\",\"cpu\":\"QEMU TCG CPU\",\"iperf3\":\"iperf 3.12\",\"sockperf\":\"3.10\"}");
            default:
                return Answer(0, "");
        }
    }

    private static Task<GuestResult> Answer(int exitCode, string output) =>
        Task.FromResult(new GuestResult(exitCode, output + "\n", TimeSpan.FromMilliseconds(1)));

    private static string Json(bool value) => value ? "true" : "false";
}
