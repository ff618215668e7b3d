// SPDX-License-Identifier: MIT
using System.CommandLine;
using Reflect.Guest.Kernels;

namespace Reflect.Guest.Commands;

/// <summary>
/// <c>reflect-guest fetch [SERIES...]</c> and <c>reflect-guest build [SERIES...]</c>: make kernels
/// ready, fetched only or with reflect.ko and the fixtures built too, and print one line for each.
/// </summary>
internal static class FetchCommand
{
    public static Command Create(string name, bool build, Func<KernelLab> openLab)
    {
        var series = new Argument<string[]>("SERIES")
        {
            Description = $"Kernel series from ci/kernels, 'default' or 'all'; none: ${KernelMatrix.SelectionVariable}, else all.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command(name, build
            ? "Fetch kernels, then build reflect.ko and the fixture modules for each."
            : "Resolve, download and unpack kernels.")
        {
            series,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            KernelLab lab = openLab();
            string[] names = parseResult.GetValue(series) ?? [];
            string? selection = names.Length > 0 ? string.Join(',', names) : Environment.GetEnvironmentVariable(KernelMatrix.SelectionVariable);
            foreach (KernelTree tree in await lab.FetchAsync(lab.Matrix.Select(selection), cancellationToken))
            {
                if (build)
                {
                    await lab.PrepareAsync(tree, cancellationToken);
                }

                parseResult.InvocationConfiguration.Output.WriteLine($"{tree.Series,-8} {tree.Identity}  ({tree.Toolchain})");
            }

            return 0;
        });
        return command;
    }
}
