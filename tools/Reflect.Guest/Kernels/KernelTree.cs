using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reflect.Guest.Kernels;

/// <summary>
/// A fetched and unpacked kernel: what was resolved from the mirror and where its parts are.
/// Stored as <c>kernel.json</c> in its cache directory; written last, so its presence marks a
/// complete tree.
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
    IReadOnlyList<string> Packages)
{
    public const string ManifestName = "kernel.json";

    [JsonIgnore]
    public Toolchain Toolchain => new(Compiler, ChrootSuite);

    /// <summary>The short form every result carries, e.g. <c>linux-image-6.1.0-56-amd64 6.1.192-2</c>.</summary>
    [JsonIgnore]
    public string Identity => $"{ImagePackage} {Version}";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Save(string directory) =>
        File.WriteAllText(Path.Combine(directory, ManifestName), JsonSerializer.Serialize(this, Json));

    public static KernelTree? Load(string directory)
    {
        var path = Path.Combine(directory, ManifestName);
        return File.Exists(path) ? JsonSerializer.Deserialize<KernelTree>(File.ReadAllText(path), Json) : null;
    }
}
