// SPDX-License-Identifier: MIT
namespace Reflect.Guest;

/// <summary>
/// An exclusive lock on a file of the cache, so that two runs (two CI jobs, a test run and a
/// demo) never unpack or build the same thing at once. .NET takes FileShare.None as an advisory
/// flock(2) on Linux; the kernel drops it when the process dies.
/// </summary>
public sealed class CacheLock : IDisposable
{
    private readonly FileStream _stream;

    private CacheLock(FileStream stream) => _stream = stream;

    public static async Task<CacheLock> AcquireAsync(string path, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        bool announced = false;
        while (true)
        {
            try
            {
                return new CacheLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                if (!announced)
                {
                    progress?.Invoke($"waiting for another run holding {path}");
                }

                announced = true;
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
