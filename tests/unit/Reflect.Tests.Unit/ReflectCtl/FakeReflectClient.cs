// SPDX-License-Identifier: MIT
using System.Net;
using Reflect.Netlink;
using ReflectCtl;

namespace Reflect.Tests.Unit.ReflectCtl;

/// <summary>A call reflectctl made to its client: the method and what it passed, if anything.</summary>
internal sealed record ClientCall(string Method, object? Argument = null);

/// <summary>
/// Stands in for reflect.ko, which a build host never loads: records the calls and answers with
/// what a test set. The wire side of every call is covered by the Netlink tests.
/// </summary>
internal sealed class FakeReflectClient : IReflectClient
{
    private int _entryDumps;

    public List<ClientCall> Calls { get; } = [];

    public ReflectStatus Status { get; set; } = new("0.1.0", ReflectCounters.Zero, Netlink.Samples.Config);

    public ReflectConfig Config { get; set; } = Netlink.Samples.Config;

    public ReflectDump<ReflectInterface> Interfaces { get; set; } = new([], false);

    /// <summary>What each GetEntries returns in turn; the last one again once they run out.</summary>
    public List<ReflectDump<ReflectEntry>> EntryDumps { get; } = [new([], false)];

    public ReflectDump<ReflectLocal> Locals { get; set; } = new([], false);

    public ReflectDump<ReflectScope> Scopes { get; set; } = new([], false);

    /// <summary>Thrown by every call, as the kernel's refusal would be.</summary>
    public Exception? Failure { get; set; }

    public bool Disposed { get; private set; }

    /// <summary>Runs reflectctl with this client and returns its exit code and what it printed.</summary>
    public (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = Cli.Run(args, () => this, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    public ReflectStatus GetStatus() => Record(nameof(GetStatus), null, Status);

    public ReflectConfig GetConfig() => Record(nameof(GetConfig), null, Config);

    public void SetConfig(ReflectConfigChange change) => Record<object?>(nameof(SetConfig), change, null);

    public void AddInterface(ReflectInterfaceId id) => Record<object?>(nameof(AddInterface), id, null);

    public void DeleteInterface(ReflectInterfaceId id) => Record<object?>(nameof(DeleteInterface), id, null);

    public ReflectDump<ReflectInterface> GetInterfaces() => Record(nameof(GetInterfaces), null, Interfaces);

    public ReflectDump<ReflectEntry> GetEntries(int? ifIndex = null, IPAddress? local = null) =>
        Record(nameof(GetEntries), (ifIndex, local), EntryDumps[Math.Min(_entryDumps++, EntryDumps.Count - 1)]);

    public void Flush(int? ifIndex = null) => Record<object?>(nameof(Flush), ifIndex, null);

    public ReflectDump<ReflectLocal> GetLocals() => Record(nameof(GetLocals), null, Locals);

    public void AddScope(ReflectScope scope) => Record<object?>(nameof(AddScope), scope, null);

    public void DeleteScope(ReflectScope scope) => Record<object?>(nameof(DeleteScope), scope, null);

    public ReflectDump<ReflectScope> GetScopes() => Record(nameof(GetScopes), null, Scopes);

    public void Dispose() => Disposed = true;

    private T Record<T>(string method, object? argument, T result)
    {
        Calls.Add(new ClientCall(method, argument));
        return Failure is null ? result : throw Failure;
    }
}
