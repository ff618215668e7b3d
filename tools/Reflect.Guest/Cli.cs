// SPDX-License-Identifier: MIT
using System.CommandLine;
using Reflect.Guest.Commands;
using Reflect.Guest.Processes;
using Reflect.Guest.Vm;

namespace Reflect.Guest;

/*
    reflect-guest fetch [SERIES...]            resolve, download and unpack kernels (default: $REFLECT_KERNELS, else all)
    reflect-guest build [SERIES...]            fetch, then build reflect.ko and the fixtures for each
    reflect-guest run SERIES SCRIPT [ARGS...]  boot SERIES, run a scenario script in the guest, print its output
    SERIES as in ci/kernels: a series name, "default" or "all". Exit: the script's status for run, else
    0 done; 1 a guest, a kernel or a command failed; 2 usage.
*/

/// <summary>
/// reflect-guest's command table, the harness as a command for ci/demo and for people: one
/// subcommand per file under Commands/, and the run that turns a parse error into exit 2 and a
/// failed guest, kernel or child process into exit 1. Every command opens its
/// <see cref="KernelLab"/> through <c>openLab</c>, and only once it runs.
/// </summary>
internal static class Cli
{
    public const int Failed = 1;
    public const int Usage = 2;

    public static RootCommand Create(Func<KernelLab> openLab) =>
        new("Fetches Debian kernels, builds reflect.ko for them and runs scripts in QEMU guests of them.")
        {
            FetchCommand.Create("fetch", build: false, openLab),
            FetchCommand.Create("build", build: true, openLab),
            RunCommand.Create(openLab),
        };

    public static async Task<int> RunAsync(string[] args, Func<KernelLab> openLab, TextWriter error)
    {
        ParseResult parseResult = Create(openLab).Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError parseError in parseResult.Errors)
            {
                error.WriteLine($"reflect-guest: {parseError.Message}");
            }

            error.WriteLine("Try 'reflect-guest --help'.");
            return Usage;
        }

        try
        {
            return await parseResult.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is GuestFailedException or InvalidOperationException or ArgumentException or CommandException)
        {
            error.WriteLine($"reflect-guest: {e.Message}");
            return Failed;
        }
    }
}
