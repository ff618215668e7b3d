// SPDX-License-Identifier: MIT
using Reflect.Guest.Vm;
using Reflect.Perf.Protocol;

namespace Reflect.Perf.Run;

/// <summary>bench.sh's commands run in a real guest, through its command channel.</summary>
internal sealed class QemuGuestShell(QemuGuest guest) : IGuestShell
{
    public Task<GuestResult> RunScriptAsync(string script, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
        guest.RunScriptAsync(script, arguments, timeout, cancellationToken);
}
