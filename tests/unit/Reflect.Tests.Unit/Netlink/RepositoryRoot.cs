// SPDX-License-Identifier: MIT
namespace Reflect.Tests.Unit.Netlink;

/// <summary>Finds files of the source tree from the test binaries under artifacts/.</summary>
internal static class RepositoryRoot
{
    public static string PathOf(string relativePath) => Path.Combine(Locate(), relativePath);

    private static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Reflect.sln"))
                || Directory.Exists(Path.Combine(directory.FullName, "kmod")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no repository root (Reflect.sln or kmod/) above {AppContext.BaseDirectory}");
    }
}
