// SPDX-License-Identifier: MIT
namespace ReflectCtl;

/// <summary>reflectctl's exit codes, for scripts to tell failures apart.</summary>
internal static class ExitCode
{
    public const int Ok = 0;

    /// <summary>Anything else: no reply in time, a malformed reply, a bug (unhandled exception).</summary>
    public const int Failure = 1;

    /// <summary>A malformed command line, or an argument this host cannot resolve (an interface name it lacks).</summary>
    public const int Usage = 2;

    /// <summary>The REFLECT generic netlink family is not registered.</summary>
    public const int ModuleNotLoaded = 3;

    /// <summary>EPERM or EACCES: the command needs CAP_NET_ADMIN.</summary>
    public const int PermissionDenied = 4;

    /// <summary>The kernel answered with an error; its extended-ack message is printed verbatim.</summary>
    public const int KernelRefused = 5;

    /// <summary>
    /// Only part of what was asked happened, and the output says what: restore skipped or the
    /// kernel refused some entries; monitor's --timeout passed before --count events arrived;
    /// apply --skip-missing left out interfaces the host does not have yet.
    /// </summary>
    public const int Incomplete = 6;
}
