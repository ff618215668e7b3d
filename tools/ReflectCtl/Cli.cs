// SPDX-License-Identifier: MIT
using System.CommandLine;
using System.CommandLine.Parsing;
using Reflect.Netlink;
using ReflectCtl.Commands;

namespace ReflectCtl;

/*
    reflectctl                                   the status, as text
    reflectctl status [--json]                   version, counters, configuration
    reflectctl enable | disable                  the global switch
    reflectctl config get [--json]
    reflectctl config set KEY=VALUE...           keys in Arguments/ConfigKeys.cs
    reflectctl iface add | del NAME_OR_INDEX     all digits: an index, else a name
    reflectctl iface list [--json]
    reflectctl scope add | del include | exclude PREFIX
    reflectctl scope list [--json]
    reflectctl entries list [FILTER] [--json]    FILTER: [--iface NAME_OR_INDEX] [--local ADDR]
    reflectctl entries flush [FILTER]                    [--peer ADDR_OR_PREFIX] [--static]
    reflectctl entries add PEER --local ADDR --iface NAME_OR_INDEX --lladdr MAC [--static] [--replace] [FLOW]
    reflectctl entries del PEER --local ADDR [FLOW]   FLOW: --proto PROTO --local-port PORT --peer-port PORT
    reflectctl stats [--iface NAME_OR_INDEX | --local ADDR] [--json]
    reflectctl monitor [--json] [--count N] [--timeout SECONDS]
    reflectctl apply -f FILE [--dry-run] [--skip-missing] [--json]    schema in Apply/DesiredStateFile.cs
    reflectctl save -f FILE                          layout in Snapshot/SavedTableFile.cs; FILE - is stdout
    reflectctl restore -f FILE [--replace] [--json]  FILE - is stdin
    Guest test scripts read the --json documents drawn above each FormatJson, and the exit codes of ExitCode.cs.
*/

/// <summary>
/// reflectctl's command table, one subcommand per file under Commands/, and the run that turns
/// a parse error into <see cref="ExitCode.Usage"/>. Every command reaches the kernel through
/// the <see cref="IReflectClient"/> that <c>connect</c> opens, and only once it needs it.
/// </summary>
internal static class Cli
{
    public static RootCommand Create(Func<IReflectClient> connect, TextReader input)
    {
        var root = new RootCommand("Inspect and configure reflect.ko, IP reflection for Linux storage appliances.")
        {
            StatusCommand.Create(connect),
            SwitchCommand.Create("enable", enabled: true, connect),
            SwitchCommand.Create("disable", enabled: false, connect),
            ConfigCommand.Create(connect),
            IfaceCommand.Create(connect),
            ScopeCommand.Create(connect),
            NextHopCommand.Create(connect),
            EntriesCommand.Create(connect),
            StatsCommand.Create(connect),
            MonitorCommand.Create(connect),
            ApplyCommand.Create(connect, input),
            SaveCommand.Create(connect),
            RestoreCommand.Create(connect, input),
        };

        // `reflectctl` alone shows the status, as `wg` alone shows every interface.
        root.SetClientAction(connect, StatusCommand.RunText);
        return root;
    }

    /// <param name="input">What <c>-f -</c> reads: standard input, or a test's text.</param>
    public static int Run(string[] args, Func<IReflectClient> connect, TextReader input, TextWriter output, TextWriter error)
    {
        ParseResult parseResult = Create(connect, input).Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (ParseError parseError in parseResult.Errors)
            {
                error.WriteLine($"reflectctl: {parseError.Message}");
            }

            error.WriteLine("Try 'reflectctl --help'.");
            return ExitCode.Usage;
        }

        return parseResult.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
