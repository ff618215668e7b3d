// SPDX-License-Identifier: MIT
namespace Reflect.Guest;

/// <summary>Well-known places of this checkout and of the cache.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The checkout's top directory (the one holding <c>Reflect.sln</c>).</summary>
    public static string Root => RootPath.Value;

    /// <summary>Build outputs, console logs and reports: <c>artifacts/</c> in the checkout.</summary>
    public static string Artifacts => Path.Combine(Root, "artifacts");

    /// <summary>Console logs of guests, one per kernel series: <c>artifacts/console/&lt;series&gt;.log</c>.</summary>
    public static string ConsoleLog(string series) => Path.Combine(Artifacts, "console", series + ".log");

    /// <summary>What a scenario printed in the guest: <c>artifacts/scenarios/&lt;series&gt;/&lt;name&gt;.log</c>.</summary>
    public static string ScenarioLog(string series, string name) => Path.Combine(Artifacts, "scenarios", series, name + ".log");

    /// <summary>
    /// The native reflectctl (Native AOT, as appliances get it), published by <c>ci/build</c>; the
    /// guest runs it from the checkout over 9p and it starts in milliseconds even under TCG.
    /// </summary>
    public static string ReflectCtl
    {
        get
        {
            string path = Path.Combine(Artifacts, "dotnet", "publish", "ReflectCtl", "release_linux-x64", "reflectctl");
            return File.Exists(path) ? path : throw new InvalidOperationException($"the native reflectctl is not built ({path}): run ci/build first");
        }
    }

    /// <summary>
    /// Downloaded kernels, chroots and apt state: <c>$REFLECT_CACHE</c>, else
    /// <c>$XDG_CACHE_HOME/reflect</c>, else <c>~/.cache/reflect</c>.
    /// </summary>
    public static string Cache
    {
        get
        {
            string? explicitPath = Environment.GetEnvironmentVariable("REFLECT_CACHE");
            if (!string.IsNullOrEmpty(explicitPath))
            {
                return Path.GetFullPath(explicitPath);
            }

            string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            string baseDir = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(baseDir, "reflect");
        }
    }

    private static string FindRoot()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("REFLECT_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Reflect.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("cannot find the checkout (no Reflect.sln above the program or the working directory); set REFLECT_ROOT");
    }
}
