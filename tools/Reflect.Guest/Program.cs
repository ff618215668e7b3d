// SPDX-License-Identifier: MIT
using Reflect.Guest;

// The command table is Cli.cs; the progress of fetches, builds and boots goes to standard error.
return await Cli.RunAsync(args, () => new KernelLab(line => Console.Error.WriteLine(line)), Console.Error);
