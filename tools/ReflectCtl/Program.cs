// SPDX-License-Identifier: MIT
using Reflect.Netlink;
using ReflectCtl;

return Cli.Run(args, () => ReflectClient.Connect(), Console.In, Console.Out, Console.Error);
