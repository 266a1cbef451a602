using System.Text.Json;
using System.Text.Json.Serialization;
using SevStack.Toolkit.Json;

namespace SevStack.Host;

/// <summary>What SevStack did to a system, kept in /var/lib/sevstack/state.json so that it can be undone.</summary>
public sealed partial class HostChangeRecord
{
    public const string StatePath = "/var/lib/sevstack/state.json";
    public const string BackupFolder = "/var/lib/sevstack/backups";

    /// <summary>Packages SevStack installed (including dependencies apt pulled in); uninstall purges these.</summary>
    public List<InstalledPackage> InstalledPackages { get; set; } = [];

    /// <summary>Requested packages that were installed before SevStack ran; never removed.</summary>
    public List<string> PreexistingPackages { get; set; } = [];

    /// <summary>Files that did not exist before; uninstall deletes them.</summary>
    public List<string> CreatedFiles { get; set; } = [];

    /// <summary>Files that existed and were backed up once before the first change; uninstall restores them.</summary>
    public List<BackedUpFile> ChangedFiles { get; set; } = [];

    /// <summary>Symbolic links that did not exist before; uninstall removes each link itself (never what it points to).</summary>
    public List<string> CreatedLinks { get; set; } = [];

    /// <summary>Folders created for the files above, parents first; uninstall removes them when empty.</summary>
    public List<string> CreatedDirectories { get; set; } = [];

    /// <summary>Folders our packages ship that existed before them; uninstall puts back any that the purge removed.</summary>
    public List<KeptDirectory> KeptDirectories { get; set; } = [];

    /// <summary>Records the packages present after an install that were not before (apt's dependencies too), and new versions of recorded ones.</summary>
    public void AddInstalledPackages(IReadOnlyDictionary<string, PackageStatus> before, IReadOnlyDictionary<string, PackageStatus> after)
    {
        foreach (var (name, status) in after.Where(kv => !before.ContainsKey(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            InstalledPackages.RemoveAll(p => p.Name == name);
            InstalledPackages.Add(new InstalledPackage(name, status.Version));
        }
        foreach (var package in InstalledPackages.ToList())
            if (after.TryGetValue(package.Name, out var status) && status.Version != package.Version)
                InstalledPackages[InstalledPackages.IndexOf(package)] = package with { Version = status.Version };
    }

    public bool Knows(string path) => CreatedFiles.Contains(path) || CreatedLinks.Contains(path) || ChangedFiles.Any(f => f.Path == path);

    static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        TypeInfoResolver = StateJson.Default,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options.TypeInfo<HostChangeRecord>()) + "\n";

    public static HostChangeRecord FromJson(string json, string where)
    {
        try
        {
            var record = JsonSerializer.Deserialize(json, Options.TypeInfo<HostChangeRecord>())
                ?? throw new JsonException("empty document");
            record.Validate(where);
            return record;
        }
        catch (JsonException e)
        {
            throw new SevStack.Toolkit.BuildException(
                $"{where} is not a SevStack state file ({e.Message}); restore it from a backup or undo the changes by hand");
        }
    }
}

[JsonSerializable(typeof(HostChangeRecord))]
sealed partial class StateJson : JsonSerializerContext;

public sealed record InstalledPackage(string Name, string Version);

/// <summary>A file backed up before its first change; <paramref name="Sha256"/> is the backup's hash (absent in records of older versions).</summary>
public sealed record BackedUpFile(string Path, string BackupPath, string? Sha256 = null)
{
    public static string BackupPathOf(string path) => HostChangeRecord.BackupFolder + path;
}
