// SPDX-License-Identifier: MIT
using System.CommandLine;
using Reflect.Netlink;

namespace ReflectCtl.Commands;

/// <summary><c>reflectctl enable</c> and <c>reflectctl disable</c>: the global switch, REFLECT_CONFIG_A_ENABLED.</summary>
internal static class SwitchCommand
{
    public static Command Create(string name, bool enabled, Func<IReflectClient> connect)
    {
        var command = new Command(name, enabled
            ? "Turn reflection on in this network namespace (config set enabled=true)."
            : "Turn reflection off in this network namespace: every packet is routed (config set enabled=false).");
        command.SetClientAction(connect, context =>
        {
            context.Client.SetConfig(new ReflectConfigChange { Enabled = enabled });
            return ExitCode.Ok;
        });
        return command;
    }
}
