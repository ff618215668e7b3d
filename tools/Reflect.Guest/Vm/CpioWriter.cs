// SPDX-License-Identifier: MIT
using System.Text;

namespace Reflect.Guest.Vm;

/// <summary>
/// Writes an uncompressed initramfs in the kernel's "newc" cpio format.
///
/// Each entry: a 110-byte ASCII header ("070701" then 13 eight-digit hex fields: ino, mode, uid,
/// gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check), the
/// NUL-terminated name, padding to 4 bytes, the data, padding to 4 bytes. The archive ends with
/// an entry named "TRAILER!!!".
/// </summary>
public sealed class CpioWriter(Stream output) : IDisposable
{
    private const int Directory = 0x4000, Regular = 0x8000, Symlink = 0xA000;
    private int _inode = 1;

    public void AddDirectory(string name) => Add(name, Directory | 0x1ED /* 0755 */, []);

    public void AddFile(string name, byte[] data, bool executable = false) =>
        Add(name, Regular | (executable ? 0x1ED : 0x1A4 /* 0644 */), data);

    public void AddSymlink(string name, string target) => Add(name, Symlink | 0x1FF, Encoding.UTF8.GetBytes(target));

    public void Dispose()
    {
        Add("TRAILER!!!", 0, []);
        output.Flush();
    }

    private void Add(string name, int mode, byte[] data)
    {
        byte[] nameBytes = Encoding.UTF8.GetBytes(name + "\0");
        var header = new StringBuilder("070701");
        foreach (int field in new[] { _inode++, mode, 0, 0, (mode & Directory) != 0 ? 2 : 1, 0, data.Length, 0, 0, 0, 0, nameBytes.Length, 0 })
        {
            header.Append(field.ToString("X8", System.Globalization.CultureInfo.InvariantCulture));
        }

        Write(Encoding.ASCII.GetBytes(header.ToString()));
        Write(nameBytes);
        Pad();
        Write(data);
        Pad();
    }

    private long _position;

    private void Write(byte[] bytes)
    {
        output.Write(bytes);
        _position += bytes.Length;
    }

    private void Pad()
    {
        while (_position % 4 != 0)
        {
            Write([0]);
        }
    }
}
