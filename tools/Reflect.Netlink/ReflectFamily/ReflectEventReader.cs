// SPDX-License-Identifier: MIT
using System.Diagnostics;
using Reflect.Netlink.Transport;

namespace Reflect.Netlink.ReflectFamily;

/// <summary>
/// Reads REFLECT_CMD_EVENT notifications from a socket that joined the events group, until a
/// timeout or a cancellation. The socket's receive timeout is the poll interval at which both
/// are checked, so either takes effect up to that late.
/// </summary>
internal static class ReflectEventReader
{
    /// <summary>How often a listener wakes to check its timeout and cancellation.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Yields what arrives on <paramref name="listener"/>, which it disposes once done.</summary>
    public static IEnumerable<ReflectNotification> Read(INetlinkTransport listener, ushort familyId, TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        using (listener)
        {
            long start = Stopwatch.GetTimestamp();
            while (!cancellationToken.IsCancellationRequested && !(Stopwatch.GetElapsedTime(start) >= timeout))
            {
                foreach (ReflectNotification notification in ReceiveOnce(listener, familyId))
                {
                    yield return notification;
                }
            }
        }
    }

    // One datagram's events; none if the poll interval passed first. ENOBUFS means the kernel
    // dropped events for this socket, which the caller hears as an overrun, not an exception.
    private static List<ReflectNotification> ReceiveOnce(INetlinkTransport listener, ushort familyId)
    {
        try
        {
            return EventMessages.ReadEvents(listener.Receive(), familyId);
        }
        catch (NetlinkTimeoutException)
        {
            return [];
        }
        catch (NetlinkBufferOverrunException)
        {
            return [ReflectEventsOverrun.Instance];
        }
    }
}
