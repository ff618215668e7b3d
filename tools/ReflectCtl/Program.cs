// SPDX-License-Identifier: MIT
using System.CommandLine;
using ReflectCtl;
using ReflectCtl.Commands;

var root = new RootCommand("Inspect reflect.ko, IP reflection for Linux storage appliances.")
{
    StatusCommand.Create(),
};

// `reflectctl` alone shows the status, as `wg` alone shows every interface.
root.SetAction(StatusCommand.RunHuman);

ParseResult parseResult = root.Parse(args);
if (parseResult.Errors.Count > 0)
{
    foreach (var error in parseResult.Errors)
    {
        Console.Error.WriteLine($"reflectctl: {error.Message}");
    }

    Console.Error.WriteLine("Try 'reflectctl --help'.");
    return ExitCode.Usage;
}

return parseResult.Invoke();
