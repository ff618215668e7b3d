// SPDX-License-Identifier: MIT
using System.Runtime.InteropServices;

namespace ReflectCtl;

/// <summary>
/// A token that SIGINT (Ctrl-C) or SIGTERM cancels while this lives, instead of killing the
/// process: a command that runs until stopped ends cleanly, closes its socket and exits 0.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;

    public StopSignals() =>
        _registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }.Select(signal =>
            PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                _stop.Cancel();
            }))];

    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }
}
