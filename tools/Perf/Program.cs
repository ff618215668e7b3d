// SPDX-License-Identifier: MIT
using System.CommandLine;
using System.CommandLine.Parsing;
using Reflect.Guest;
using Reflect.Perf.Plan;
using Reflect.Perf.Report;
using Reflect.Perf.Results;
using Reflect.Perf.Run;
using Reflect.Perf.Statistics;

/*
    reflect-perf [--quick] [--kernels SEL] [--reps N] [--seconds S] [--clock icount|wall] [--output DIR]
        runs the benchmark on each selected kernel, one guest at a time, and writes
        DIR (artifacts/bench) results.json, report.md and the charts; SEL as REFLECT_KERNELS
        (comma-separated series, default, all), default $REFLECT_KERNELS or else "default";
        the clock: instruction time (QEMU -icount, the default) or wall-clock time under TCG
    reflect-perf report [--output DIR]
        computes and draws report.md and the charts again from DIR/results.json
    reflect-perf plan [--quick] [--reps N] [--seconds S] [--from RESULTS]
        the bench.sh commands of one kernel's run and the time they should take: assumed step
        times, or those measured in an earlier run's results.json
    Exit: 0 done; 1 a kernel stopped early or a configuration is broken, or anything else failed; 2 usage.
*/

var quick = new Option<bool>("--quick") { Description = "a smoke: 2 repetitions of 1 s, tcp1 and udp64, tables of 1k and 100k entries" };
var kernels = new Option<string>("--kernels")
{
    Description = "kernel series (comma-separated, 'default' or 'all'); default: $REFLECT_KERNELS, else 'default'",
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("REFLECT_KERNELS") is { Length: > 0 } selection ? selection : "default",
};
var repetitions = new Option<int?>("--reps") { Description = "measured repetitions after the warm-up (default 5, quick 2)" };
var seconds = new Option<int?>("--seconds") { Description = "seconds per measurement (default 3, quick 1), of the clock chosen" };
var clock = new Option<BenchClock>("--clock")
{
    Description = "icount: instruction time (QEMU -icount shift=0,sleep=off, repeatable to about 1 %); wall: wall-clock time under TCG",
    DefaultValueFactory = _ => BenchClock.Icount,
    CustomParser = result => result.Tokens.Single().Value switch
    {
        "icount" => BenchClock.Icount,
        "wall" => BenchClock.Wall,
        string other => Fail(result, $"--clock is icount or wall, not '{other}'"),
    },
};
var output = new Option<string>("--output")
{
    Description = "where results.json, report.md and the charts go",
    DefaultValueFactory = _ => Path.Combine(RepositoryPaths.Artifacts, "bench"),
};
var from = new Option<string?>("--from") { Description = "an earlier run's results.json whose step times replace the assumptions" };

var root = new RootCommand("Measures what IP reflection costs against plain routing and the CONNMARK recipe, per kernel, in QEMU guests.")
{
    quick, kernels, repetitions, seconds, clock, output,
};
root.SetAction(async (parsed, cancellationToken) =>
{
    var settings = BenchSettings.Choose(parsed.GetValue(quick), parsed.GetValue(repetitions), parsed.GetValue(seconds), parsed.GetValue(clock));
    string directory = parsed.GetValue(output)!;
    Directory.CreateDirectory(directory);
    string command = Environment.GetEnvironmentVariable("REFLECT_BENCH_COMMAND") is { Length: > 0 } label
        ? label : string.Join(' ', ["reflect-perf", .. args]);
    var session = new BenchSession(settings, Console.WriteLine, line => Console.Error.WriteLine(line));
    BenchRun run = await session.RunAsync(parsed.GetValue(kernels)!, command,
        partial => ResultsFile.Write(partial, Path.Combine(directory, ResultsFile.Name)), cancellationToken);
    string report = await ReportWriter.WriteAsync(run, directory, CancellationToken.None);
    Console.WriteLine($"report: {report}");
    var failed = run.Kernels.Where(k => k.Error is not null || k.Summary!.Broken.Count > 0).ToList();
    foreach (KernelRun kernel in failed)
    {
        Console.WriteLine($"[{kernel.Series}] " + (kernel.Error is not null ? $"stopped early: {kernel.Error.Split('\n')[0]}"
            : $"broken: {string.Join(", ", kernel.Summary!.Broken.Select(b => b.Configuration))}"));
    }

    return failed.Count == 0 ? 0 : 1;
});

var report = new Command("report", "Computes and draws report.md and the charts again from results.json.") { output };
report.SetAction(async (parsed, cancellationToken) =>
{
    string directory = parsed.GetValue(output)!;
    BenchRun run = ResultsFile.Read(Path.Combine(directory, ResultsFile.Name));
    Console.WriteLine($"report: {await ReportWriter.WriteAsync(run, directory, cancellationToken)}");
    return 0;
});
root.Add(report);

var plan = new Command("plan", "Lists the bench.sh commands of one kernel's run and the time they should take.") { quick, repetitions, seconds, clock, from };
plan.SetAction(parsed =>
{
    var settings = BenchSettings.Choose(parsed.GetValue(quick), parsed.GetValue(repetitions), parsed.GetValue(seconds), parsed.GetValue(clock));
    StepCosts costs = StepCosts.Assumed;
    if (parsed.GetValue(from) is { } path)
    {
        BenchRun earlier = ResultsFile.Read(path);
        var starts = earlier.Kernels.Where(k => k.BootSeconds is not null).Select(k => (k.BootSeconds ?? 0) + (k.BuildSeconds ?? 0)).ToList();
        costs = costs.CalibratedBy(earlier.Kernels.SelectMany(k => k.Steps).ToList(), starts.Count > 0 ? starts.Average() : null);
    }

    Console.Write(PlanReport.Describe(settings, costs, parsed.GetValue(from)));
    return 0;
});
root.Add(plan);

static BenchClock Fail(ArgumentResult result, string message)
{
    result.AddError(message);
    return default;
}

ParseResult parseResult = root.Parse(args);
if (parseResult.Errors.Count > 0)
{
    foreach (ParseError error in parseResult.Errors)
    {
        Console.Error.WriteLine($"reflect-perf: {error.Message}");
    }

    Console.Error.WriteLine("Try 'reflect-perf --help'.");
    return 2;
}

try
{
    return await parseResult.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"reflect-perf: {e.Message}");
    return 2;
}
catch (Exception e) when (e is InvalidOperationException or IOException or System.Text.Json.JsonException or Reflect.Guest.Processes.CommandException)
{
    Console.Error.WriteLine($"reflect-perf: {e.Message}");
    return 1;
}
