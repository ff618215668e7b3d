// SPDX-License-Identifier: MIT
using System.CommandLine;
using Reflect.Netlink;

namespace ReflectCtl;

/// <summary>What a command's action works with: its parsed arguments, its output, and the client, connected on first use.</summary>
internal sealed class CommandContext(ParseResult parseResult, Func<IReflectClient> connect) : IDisposable
{
    private IReflectClient? _client;

    public ParseResult ParseResult => parseResult;

    public TextWriter Output => parseResult.InvocationConfiguration.Output;

    public TextWriter Error => parseResult.InvocationConfiguration.Error;

    /// <summary>Connected on first use, so that a usage error found by the action comes before "module not loaded".</summary>
    public IReflectClient Client => _client ??= connect();

    /// <summary>
    /// Runs a dump again, up to twice, while the kernel flags it NLM_F_DUMP_INTR (its table
    /// changed between two parts); returns the last result, with a warning on <see cref="Error"/>
    /// if that one is still inconsistent.
    /// </summary>
    public ReflectDump<T> Dump<T>(Func<IReflectClient, ReflectDump<T>> dump)
    {
        const int attempts = 3;
        ReflectDump<T> result = dump(Client);
        for (int attempt = 1; attempt < attempts && result.Interrupted; attempt++)
        {
            result = dump(Client);
        }

        if (result.Interrupted)
        {
            Error.WriteLine(
                $"reflectctl: warning: the kernel's table changed during each of {attempts} dumps; the list may miss or repeat items");
        }

        return result;
    }

    public void Dispose() => _client?.Dispose();
}
