// SPDX-License-Identifier: MIT
namespace ReflectCtl;

/// <summary>An argument the parser accepted but the action cannot use, e.g. an interface name this host does not have.</summary>
internal sealed class UsageException(string message) : Exception(message);
