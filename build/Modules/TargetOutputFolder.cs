using System.Text.Json;
using System.Text.Json.Serialization;
using SevStack.Components.Kernel;
using SevStack.Components.Ovmf;
using SevStack.Components.Qemu;
using SevStack.Toolkit;
using SevStack.Toolkit.Json;

namespace SevStack.Build.Modules;

/// <summary>
/// Where a cacheable target leaves everything later targets consume, with <c>result.json</c> describing it in paths
/// relative to the folder. A cache hit restores the folder, so a later target reads the result the same way whether
/// the producer ran or was restored (possibly from another clone's entry).
/// </summary>
sealed class TargetOutputFolder(string target, string path)
{
    const string ResultFile = "result.json";

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, TypeInfoResolver = StoredResultJson.Default };

    public string Path { get; } = path;

    public void Reset()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
        Directory.CreateDirectory(Path);
    }

    /// <summary>Moves (or copies, when it must stay) a produced file into the folder; returns its name there.</summary>
    public string Take(string file, bool keepOriginal = false)
    {
        var name = System.IO.Path.GetFileName(file);
        var destination = Resolve(name);
        if (keepOriginal)
            File.Copy(file, destination, overwrite: true);
        else
            File.Move(file, destination, overwrite: true);
        return name;
    }

    public string Resolve(string relative) => System.IO.Path.Combine(Path, relative);

    public string Relative(string fullPath) => System.IO.Path.GetRelativePath(Path, fullPath);

    public void WriteResult<T>(T result, string? cacheKey) =>
        File.WriteAllText(Resolve(ResultFile), JsonSerializer.Serialize(new StoredResult<T>(result, cacheKey), Json.TypeInfo<StoredResult<T>>()));

    /// <summary>The cache key of the stored result, whatever its type.</summary>
    public string? ReadCacheKey() => ReadResult<JsonElement>().CacheKey;

    public (T Result, string? CacheKey) ReadResult<T>()
    {
        var file = Resolve(ResultFile);
        if (!File.Exists(file))
            throw new BuildException($"{target} left no result in {Path}: run {target} first (it was skipped or failed)");
        var stored = JsonSerializer.Deserialize(File.ReadAllText(file), Json.TypeInfo<StoredResult<T>>())
            ?? throw new BuildException($"{file} is empty: rerun {target} with --rebuild {target}");
        return (stored.Result, stored.CacheKey);
    }
}

sealed record StoredResult<T>(T Result, string? CacheKey);

/// <summary>The results targets store, compiled ahead of time (the build program may be natively compiled); enums as names.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(StoredResult<KernelPackages>))]
[JsonSerializable(typeof(StoredResult<KernelImages>))]
[JsonSerializable(typeof(StoredResult<QemuBuildResult>))]
[JsonSerializable(typeof(StoredResult<OvmfBuildResult[]>))]
[JsonSerializable(typeof(StoredResult<JsonElement>))]
sealed partial class StoredResultJson : JsonSerializerContext;
