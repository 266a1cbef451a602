namespace SevStack.Engine.Caching;

/// <summary>A published entry: <c>&lt;cache-dir&gt;/&lt;target&gt;/&lt;key&gt;/</c> with manifest.json, SHA256SUMS and outputs/0, outputs/1...</summary>
public sealed record CacheEntry(string Target, string Key, string Folder)
{
    public const string ManifestFile = "manifest.json";
    public const string OutputsFolder = "outputs";

    public string ManifestPath => Path.Combine(Folder, ManifestFile);

    public string OutputPath(int index) => Path.Combine(Folder, OutputsFolder, index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>When the entry was published or last used (the manifest's modification time; never part of a key).</summary>
    public DateTime LastUsedUtc => File.GetLastWriteTimeUtc(ManifestPath);

    public long SizeBytes => new DirectoryInfo(Folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.LinkTarget is null ? f.Length : 0);
}
