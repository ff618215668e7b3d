// SPDX-License-Identifier: MIT
using System.CommandLine;
using Reflect.Netlink;
using ReflectCtl.Arguments;
using ReflectCtl.Output;

namespace ReflectCtl.Commands;

/// <summary><c>reflectctl config get [--json]</c> and <c>reflectctl config set KEY=VALUE...</c>.</summary>
internal static class ConfigCommand
{
    public static Command Create(Func<IReflectClient> connect) =>
        new("config", "Show or change the configuration of this network namespace.")
        {
            CreateGet(connect),
            CreateSet(connect),
        };

    /*
        {"enabled":true,"mode":"peer","idle_timeout":300,"max_entries":65536,"retrans_threshold":3,
         "confirm_packets":4,"confirm_ms":200,"min_move_ms":500,"evict_idle":30}
    */
    public static string FormatJson(ReflectConfig config) => Json.Object(writer => writer.WriteConfigProperties(config));

    /*
        enabled            true
        mode               peer
        idle_timeout       300
        ...
    */
    public static string FormatText(ReflectConfig config)
    {
        var table = new TextTable(new Column(""), new Column(""));
        foreach (ConfigKey key in ConfigKeys.All)
        {
            table.Add(key.Name, key.Show(config));
        }

        return table.Format(headings: false);
    }

    private static Command CreateGet(Func<IReflectClient> connect)
    {
        Option<bool> json = ClientCommands.JsonOption();
        var command = new Command("get", "Show every configuration key, as 'config set' takes it.") { json };
        command.SetClientAction(connect, context =>
        {
            ReflectConfig config = context.Client.GetConfig();
            context.Output.WriteLine(context.ParseResult.GetValue(json) ? FormatJson(config) : FormatText(config));
            return ExitCode.Ok;
        });
        return command;
    }

    private static Command CreateSet(Func<IReflectClient> connect)
    {
        var assignments = new Argument<ReflectConfigChange>("KEY=VALUE")
        {
            Description = $"Keys to change, the others keep their value: {ConfigKeys.Synopsis}. Changing mode flushes the entries.",
            Arity = ArgumentArity.OneOrMore,
            CustomParser = result =>
            {
                ReflectConfigChange? change = ConfigKeys.Parse(result.Tokens.Select(token => token.Value), out string? error);
                if (error is not null)
                {
                    result.AddError($"config set: {error}");
                }

                return change;
            },
        };
        var command = new Command("set", "Change configuration keys.") { assignments };
        command.SetClientAction(connect, context =>
        {
            context.Client.SetConfig(context.ParseResult.GetRequiredValue(assignments));
            return ExitCode.Ok;
        });
        return command;
    }
}
