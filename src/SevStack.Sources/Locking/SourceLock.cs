using System.Text.Json;
using System.Text.Json.Serialization;
using SevStack.Toolkit;
using SevStack.Engine.Caching;
using SevStack.Toolkit.Files;

namespace SevStack.Sources.Locking;

/// <summary>
/// <c>sevstack.lock.json</c>: one <see cref="LockEntry"/> per profile and component. Entries are written in sorted
/// order so the file diffs cleanly. <see cref="SaveAsync"/> merges: under an exclusive lock on
/// <c>.sevstack.lock.json.lock</c> beside the file (flock, so between processes and between instances of one process)
/// it reads the file again, sets the entries this instance changed and writes it atomically, so parallel fetches, each
/// with its own instance, never drop each other's entries.
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
    /// <summary>The entries <see cref="Set"/> changed and <see cref="SaveAsync"/> has not written yet.</summary>
    readonly Dictionary<string, LockEntry> unsaved = new(StringComparer.Ordinal);

    SourceLock(string path, SortedDictionary<string, LockEntry> entries)
    {
        Path = path;
        this.entries = entries;
    }

    public string Path { get; }

    /// <summary>True when entries changed since loading or saving.</summary>
    public bool IsModified { get { lock (entries) return unsaved.Count > 0; } }

    /// <summary>The file whose lock <see cref="SaveAsync"/> holds while it reads, merges and writes.</summary>
    public string LockFilePath => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, "." + System.IO.Path.GetFileName(Path) + ".lock");

    public IReadOnlyDictionary<string, LockEntry> Entries { get { lock (entries) return new SortedDictionary<string, LockEntry>(entries, StringComparer.Ordinal); } }

    /// <summary>Reads the lock file; a missing file is an empty lock.</summary>
    public static SourceLock Load(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        return new SourceLock(full, ReadEntries(full));
    }

    static SortedDictionary<string, LockEntry> ReadEntries(string path)
    {
        if (!File.Exists(path))
            return new(StringComparer.Ordinal);
        LockDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(File.ReadAllText(path), Json.LockDocument);
        }
        catch (JsonException e)
        {
            throw new BuildException($"{path} is not a valid lock file ({e.Message}); fix it or delete it and run with --update-lock");
        }
        if (document is null || document.Version != FormatVersion)
            throw new BuildException($"{path} has lock format version {document?.Version}, expected {FormatVersion}; delete it and run with --update-lock");
        return new(document.Entries ?? [], StringComparer.Ordinal);
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
            unsaved[key] = entry;
        }
    }

    /// <summary>
    /// Writes the entries set since loading into the file as it is now (another fetch may have added its own meanwhile),
    /// holding <see cref="LockFilePath"/>; <paramref name="tell"/> hears once when another fetch holds it.
    /// </summary>
    public async Task SaveAsync(Action<string>? tell = null, CancellationToken cancellationToken = default)
    {
        Dictionary<string, LockEntry> changes;
        lock (entries)
            changes = new(unsaved, StringComparer.Ordinal);
        using (await FileLock.AcquireAsync(LockFilePath, FileName, tell ?? (_ => { }), cancellationToken).ConfigureAwait(false))
        {
            var merged = ReadEntries(Path);
            foreach (var (key, entry) in changes)
                merged[key] = entry;
            AtomicFile.WriteAllText(Path, JsonSerializer.Serialize(new LockDocument(FormatVersion, new(merged, StringComparer.Ordinal)), Json.LockDocument) + "\n");
            lock (entries)
            {
                foreach (var (key, entry) in merged.Where(e => !unsaved.ContainsKey(e.Key)))
                    entries[key] = entry;
                foreach (var (key, entry) in changes.Where(c => unsaved.GetValueOrDefault(c.Key) == c.Value))
                    unsaved.Remove(key);
            }
        }
    }

    sealed record LockDocument(int Version, Dictionary<string, LockEntry>? Entries);

    [JsonSerializable(typeof(LockDocument))]
    sealed partial class LockJson : JsonSerializerContext;
}
