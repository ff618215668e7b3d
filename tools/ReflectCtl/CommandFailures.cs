// SPDX-License-Identifier: MIT
using Reflect.Netlink;

namespace ReflectCtl;

/// <summary>Turns what a command's action throws into a message and an exit code.</summary>
internal static class CommandFailures
{
    /// <summary>
    /// Rethrows the first of a batch's refusals if it is for want of CAP_NET_ADMIN, which then
    /// refused every request alike: one message and exit code 4, not one line per request.
    /// </summary>
    public static void ThrowIfPermissionDenied(IEnumerable<NetlinkException> refusals)
    {
        if (refusals.FirstOrDefault(refusal => refusal.IsPermissionDenied) is NetlinkException denied)
        {
            throw denied;
        }
    }

    public static int Handle(TextWriter error, Func<int> command)
    {
        try
        {
            return command();
        }
        catch (UsageException e)
        {
            error.WriteLine($"reflectctl: {e.Message}");
            return ExitCode.Usage;
        }
        catch (GenericNetlinkFamilyNotFoundException)
        {
            error.WriteLine(
                $"reflectctl: the reflect module is not loaded (no generic netlink family \"{ReflectUapi.REFLECT_GENL_NAME}\"); " +
                "load it with 'modprobe reflect' or 'insmod reflect.ko'");
            return ExitCode.ModuleNotLoaded;
        }
        catch (NetlinkException e) when (e.IsPermissionDenied)
        {
            error.WriteLine($"reflectctl: permission denied: this needs CAP_NET_ADMIN in the current network namespace ({e.Message})");
            return ExitCode.PermissionDenied;
        }
        catch (NetlinkTimeoutException e)
        {
            error.WriteLine($"reflectctl: {e.Message}");
            return ExitCode.Failure;
        }
        catch (NetlinkException e)
        {
            error.WriteLine(e.ExtendedAckMessage is null
                ? $"reflectctl: the kernel refused the request: {e.Message}"
                : $"reflectctl: the kernel refused the request: {e.ExtendedAckMessage}");
            return ExitCode.KernelRefused;
        }
        catch (NetlinkFormatException e)
        {
            error.WriteLine($"reflectctl: malformed reply from the kernel: {e.Message}");
            return ExitCode.Failure;
        }
    }
}
