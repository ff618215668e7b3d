using Reflect.Guest;
using Reflect.Guest.Vm;

// reflect-guest: the harness as a command, for ci/demo and for people.
//   reflect-guest fetch [SERIES...]          resolve, download and unpack kernels (default: $REFLECT_KERNELS or all)
//   reflect-guest build [SERIES...]          fetch, then build reflect.ko and the fixture for each
//   reflect-guest run SERIES SCRIPT [ARGS]   boot SERIES, run a scenario script in the guest, print its output
const string Usage = "usage: reflect-guest fetch|build [SERIES...] | run SERIES SCRIPT [ARGS...]";
if (args.Length == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}
var lab = new KernelLab(line => Console.Error.WriteLine(line));
try
{
    switch (args[0])
    {
        case "fetch" or "build":
            var series = lab.Matrix.Select(args.Length > 1 ? string.Join(',', args[1..]) : Environment.GetEnvironmentVariable("REFLECT_KERNELS"));
            foreach (var tree in await lab.FetchAsync(series))
            {
                if (args[0] == "build")
                    await lab.PrepareAsync(tree);
                Console.WriteLine($"{tree.Series,-8} {tree.Identity}  ({tree.Toolchain})");
            }
            return 0;
        case "run" when args.Length >= 3:
            var chosen = lab.Matrix.Select(args[1]);
            if (chosen.Count != 1)
                throw new ArgumentException("run takes exactly one series");
            var kernel = await lab.PrepareAsync((await lab.FetchAsync(chosen))[0]);
            int status;
            await using (var guest = await lab.BootAsync(kernel))
            {
                // REFLECT_VERBOSE=1 makes scenarios show what each check saw (ci/demo).
                if (Environment.GetEnvironmentVariable("REFLECT_VERBOSE") is { } verbose)
                    guest.Variables["REFLECT_VERBOSE"] = verbose;
                var result = await lab.Timings.MeasureAsync(kernel.Tree.Series, "scenarios",
                    () => guest.RunScriptAsync(Path.GetFullPath(args[2]), args[3..], TimeSpan.FromHours(1)));
                Console.Write(result.Output);
                status = result.ExitCode;
            }
            Console.Error.WriteLine();
            Console.Error.Write(lab.WriteTimings());
            return status;
        default:
            Console.Error.WriteLine(Usage);
            return 2;
    }
}
catch (Exception e) when (e is GuestFailedException or InvalidOperationException or ArgumentException or Reflect.Guest.Processes.CommandException)
{
    Console.Error.WriteLine($"reflect-guest: {e.Message}");
    return 1;
}
