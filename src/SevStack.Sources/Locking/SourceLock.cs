using System.Text.Json;
using System.Text.Json.Serialization;
using SevStack.Engine;
using SevStack.Engine.Files;

namespace SevStack.Sources.Locking;

/// <summary>
/// <c>sevstack.lock.json</c>: one <see cref="LockEntry"/> per profile and component. Entries are written in sorted
/// order so the file diffs cleanly; <see cref="Save"/> writes atomically. Safe to share between parallel fetches.
/// </summary>
public sealed partial class SourceLock
{
    public const string FileName = "sevstack.lock.json";
    const int FormatVersion = 1;
    static readonly LockJson Json = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // The file is read by people: keep '+' in versions and specs as it is.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    readonly SortedDictionary<string, LockEntry> entries;

    SourceLock(string path, SortedDictionary<string, LockEntry> entries)
    {
        Path = path;
        this.entries = entries;
    }

    public string Path { get; }

    /// <summary>True when entries changed since loading or saving.</summary>
    public bool IsModified { get; private set; }

    public IReadOnlyDictionary<string, LockEntry> Entries { get { lock (entries) return new SortedDictionary<string, LockEntry>(entries, StringComparer.Ordinal); } }

    /// <summary>Reads the lock file; a missing file is an empty lock.</summary>
    public static SourceLock Load(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
            return new SourceLock(full, new(StringComparer.Ordinal));
        LockDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(File.ReadAllText(full), Json.LockDocument);
        }
        catch (JsonException e)
        {
            throw new BuildException($"{full} is not a valid lock file ({e.Message}); fix it or delete it and run with --update-lock");
        }
        if (document is null || document.Version != FormatVersion)
            throw new BuildException($"{full} has lock format version {document?.Version}, expected {FormatVersion}; delete it and run with --update-lock");
        return new SourceLock(full, new(document.Entries ?? [], StringComparer.Ordinal));
    }

    public static string Key(string profile, string component) => $"{profile}/{component}";

    public LockEntry? Find(string profile, string component)
    {
        lock (entries) return entries.GetValueOrDefault(Key(profile, component));
    }

    public void Set(string profile, string component, LockEntry entry)
    {
        var key = Key(profile, component);
        lock (entries)
        {
            if (entries.TryGetValue(key, out var existing) && existing == entry)
                return;
            entries[key] = entry;
            IsModified = true;
        }
    }

    public void Save()
    {
        lock (entries)
        {
            AtomicFile.WriteAllText(Path, JsonSerializer.Serialize(new LockDocument(FormatVersion, new(entries, StringComparer.Ordinal)), Json.LockDocument) + "\n");
            IsModified = false;
        }
    }

    sealed record LockDocument(int Version, Dictionary<string, LockEntry>? Entries);

    [JsonSerializable(typeof(LockDocument))]
    sealed partial class LockJson : JsonSerializerContext;
}
