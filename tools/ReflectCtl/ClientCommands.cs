// SPDX-License-Identifier: MIT
using System.CommandLine;
using Reflect.Netlink;

namespace ReflectCtl;

/// <summary>What the commands that talk to the kernel share.</summary>
internal static class ClientCommands
{
    /// <summary>Runs <paramref name="action"/> with a <see cref="CommandContext"/>, turning failures into exit codes.</summary>
    public static void SetClientAction(this Command command, Func<IReflectClient> connect, Func<CommandContext, int> action) =>
        command.SetAction(parseResult =>
        {
            using var context = new CommandContext(parseResult, connect);
            return CommandFailures.Handle(context.Error, () => action(context));
        });

    /// <summary>The <c>--json</c> flag of every command that prints something.</summary>
    public static Option<bool> JsonOption(string description = "Print one JSON object instead of text.") =>
        new("--json") { Description = description };
}
