// SPDX-License-Identifier: MIT
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reflect.Guest.Kernels;

/// <summary>
/// A fetched and unpacked kernel, or one built from a source package: what was resolved from the
/// mirror and where its parts are. Stored as <c>kernel.json</c> in its cache directory; written
/// last, so its presence marks a complete tree. <paramref name="DebugConfig"/> is the hash of the
/// configuration fragment a debug kernel was built with (null for Debian's own images).
/// </summary>
public sealed record KernelTree(
    string Series,
    string ImagePackage,
    string Version,
    string Abi,
    string Suite,
    string Root,
    string HeadersDirectory,
    string ModulesDirectory,
    string Image,
    string Compiler,
    string? ChrootSuite,
    IReadOnlyList<string> Packages,
    string? DebugConfig = null)
{
    public const string ManifestName = "kernel.json";

    [JsonIgnore]
    public Toolchain Toolchain => new(Compiler, ChrootSuite);

    /// <summary>
    /// The short form every result carries, e.g. <c>linux-image-6.1.0-56-amd64 6.1.192-2</c>, or for a
    /// debug kernel <c>linux-source-6.12 6.12.118-1~deb12u1 + debug.config 9ff8f4805fd2</c>.
    /// </summary>
    [JsonIgnore]
    public string Identity => DebugConfig is null ? $"{ImagePackage} {Version}" : $"{ImagePackage} {Version} + debug.config {DebugConfig}";

    /// <summary>A kernel with the debug configuration: leak scans apply, everything runs slower.</summary>
    [JsonIgnore]
    public bool IsDebug => DebugConfig is not null;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Save(string directory) =>
        File.WriteAllText(Path.Combine(directory, ManifestName), JsonSerializer.Serialize(this, Json));

    public static KernelTree? Load(string directory)
    {
        string path = Path.Combine(directory, ManifestName);
        return File.Exists(path) ? JsonSerializer.Deserialize<KernelTree>(File.ReadAllText(path), Json) : null;
    }
}
