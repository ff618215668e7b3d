// SPDX-License-Identifier: MIT
using System.CommandLine;
using Reflect.Guest.Kernels;
using Reflect.Guest.Vm;

namespace Reflect.Guest.Commands;

/// <summary>
/// <c>reflect-guest run [--icount] SERIES SCRIPT [ARGS...]</c>: boot one kernel, run a script in the
/// guest, print its output and exit with its status; the stage timings go to standard error.
/// --icount boots it in instruction time with one vCPU (<see cref="GuestOptions.InstructionTime"/>):
/// what profile.sh needs for durations that repeat.
/// </summary>
internal static class RunCommand
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromHours(1);

    public static Command Create(Func<KernelLab> openLab)
    {
        var series = new Argument<string>("SERIES") { Description = "One kernel series from ci/kernels, or 'default'." };
        var script = new Argument<string>("SCRIPT") { Description = "The script to run in the guest, a path on the host." };
        var arguments = new Argument<string[]>("ARGS")
        {
            Description = "The script's arguments; put -- before them when one starts with '-'.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var icount = new Option<bool>("--icount")
        {
            Description = "Instruction time (QEMU -icount shift=0,sleep=off) and one vCPU: the guest's clocks count executed instructions.",
        };
        var command = new Command("run", "Boot a kernel in a QEMU guest, run a script there and print its output.")
        {
            icount, series, script, arguments,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(openLab(), parseResult.GetValue(series)!,
            Path.GetFullPath(parseResult.GetValue(script)!), parseResult.GetValue(arguments) ?? [], parseResult.GetValue(icount),
            parseResult.InvocationConfiguration, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(KernelLab lab, string series, string script, string[] arguments, bool icount,
        InvocationConfiguration console, CancellationToken cancellationToken)
    {
        IReadOnlyList<KernelSeries> chosen = lab.Matrix.Select(series);
        if (chosen.Count != 1)
        {
            throw new ArgumentException("run takes exactly one series");
        }

        KernelTree tree = (await lab.FetchAsync(chosen, cancellationToken))[0];
        PreparedKernel kernel = await lab.PrepareAsync(tree, cancellationToken);
        int status;
        GuestOptions options = icount ? GuestOptions.For(tree).InInstructionTime() : GuestOptions.For(tree);

        await using (QemuGuest guest = await lab.BootAsync(kernel, options, cancellationToken))
        {
            // REFLECT_VERBOSE=1 makes scenarios show what each check saw (ci/demo).
            if (Environment.GetEnvironmentVariable("REFLECT_VERBOSE") is { } verbose)
            {
                guest.Variables["REFLECT_VERBOSE"] = verbose;
            }

            GuestResult result = await lab.Timings.MeasureAsync(tree.Series, "scenarios",
                () => guest.RunScriptAsync(script, arguments, ScriptTimeout, cancellationToken));
            console.Output.Write(result.Output);
            status = result.ExitCode;
        }

        console.Error.WriteLine();
        console.Error.Write(lab.FormatTimings());
        return status;
    }
}
