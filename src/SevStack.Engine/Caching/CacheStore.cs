using SevStack.Toolkit.Files;

namespace SevStack.Engine.Caching;

/// <summary>
/// The folder layout of the cache and the only code that writes it. An entry is assembled under <c>tmp/</c> and
/// appears by one rename, manifest last, so an entry without a complete manifest never exists.
/// </summary>
public sealed class CacheStore(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Called with the name of each step of <see cref="Publish"/> and <see cref="Restore"/> (crash tests stop the process there).</summary>
    internal Action<string>? OnStep { get; init; }

    string TemporaryFolder => Path.Combine(Root, "tmp");

    public CacheEntry Entry(string target, string key) => new(target, key, Path.Combine(Root, target, key));

    public string KeyLockPath(string target, string key) => Path.Combine(Root, target, key + ".lock");

    public string OutputLockPath(string outputPath) =>
        Path.Combine(Root, "locks", "output-" + FileHashes.Sha256Text(Path.GetFullPath(outputPath))[..16] + ".lock");

    /// <summary>The published entries of a target, newest (last used) first.</summary>
    public IReadOnlyList<CacheEntry> Entries(string target)
    {
        var folder = Path.Combine(Root, target);
        if (!Directory.Exists(folder))
            return [];
        return Directory.GetDirectories(folder)
            .Select(d => new CacheEntry(target, Path.GetFileName(d), d))
            .Where(e => File.Exists(e.ManifestPath))
            .OrderByDescending(e => e.LastUsedUtc)
            .ThenBy(e => e.Key, StringComparer.Ordinal)
            .ToList();
    }

    public IReadOnlyList<string> Targets() =>
        Directory.Exists(Root)
            ? Directory.GetDirectories(Root).Select(Path.GetFileName).OfType<string>().Where(n => n is not ("tmp" or "locks")).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Null when the entry is complete and intact; otherwise why it cannot be used. Call with the key lock held.</summary>
    public string? Check(CacheEntry entry, CacheManifest expected)
    {
        var manifest = File.ReadAllText(entry.ManifestPath);
        if (manifest != expected.ToJson())
            return $"{CacheEntry.ManifestFile} does not match its key";
        return Sha256Sums.Verify(entry.Folder);
    }

    public bool IsPublished(CacheEntry entry) => File.Exists(entry.ManifestPath);

    /// <summary>True for an entry whose SHA256SUMS an older SevStack wrote (content hashes only).</summary>
    public bool IsOlderFormat(CacheEntry entry) => Sha256Sums.IsOlderFormat(entry.Folder);

    /// <summary>Checks an older entry's content against its list and rewrites the list in the current format; null on success, else what is wrong.</summary>
    public string? UpgradeOlderFormat(CacheEntry entry) => Sha256Sums.UpgradeOlderFormat(entry.Folder);

    /// <summary>Copies the entry's outputs to where the target puts them, replacing what is there.</summary>
    public void Restore(CacheEntry entry, IReadOnlyList<string> outputs)
    {
        for (var i = 0; i < outputs.Count; i++)
        {
            var destination = Path.GetFullPath(outputs[i]);
            var folder = Path.GetDirectoryName(destination)!;
            Directory.CreateDirectory(folder);
            foreach (var stale in Directory.EnumerateFileSystemEntries(folder, Path.GetFileName(destination) + ".restoring.*").ToList())
                if (int.TryParse(Path.GetFileName(stale).Split('.')[^2], out var pid) && !IsAlive(pid))
                    TreeCopy.Delete(stale);
            var staging = $"{destination}.restoring.{Environment.ProcessId}.{Guid.NewGuid():N}";
            TreeCopy.Copy(entry.OutputPath(i), staging);
            OnStep?.Invoke("restore-copied");
            TreeCopy.Delete(destination);
            if (Directory.Exists(staging) && new FileInfo(staging).LinkTarget is null)
                Directory.Move(staging, destination);
            else
                File.Move(staging, destination);
        }
        File.SetLastWriteTimeUtc(entry.ManifestPath, DateTime.UtcNow);
    }

    /// <summary>Stores the outputs of a target that succeeded. Call with the key lock held.</summary>
    public CacheEntry Publish(CacheManifest manifest, IReadOnlyList<string> outputs)
    {
        var building = Path.Combine(TemporaryFolder, $"{manifest.Key}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        using var inUse = HoldTemporary(building);
        try
        {
            Directory.CreateDirectory(Path.Combine(building, CacheEntry.OutputsFolder));
            for (var i = 0; i < outputs.Count; i++)
            {
                if (!TreeCopy.Exists(outputs[i]))
                    throw new BuildException($"Target {manifest.Target} declared the cache output {outputs[i]}, but did not produce it");
                TreeCopy.Copy(outputs[i], Path.Combine(building, CacheEntry.OutputsFolder, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
            OnStep?.Invoke("outputs-copied");
            AtomicFile.WriteAllText(Path.Combine(building, Sha256Sums.FileName), Sha256Sums.Compute(building));
            OnStep?.Invoke("sums-written");
            return MoveIntoPlace(manifest, building);
        }
        finally
        {
            if (Directory.Exists(building))
                Directory.Delete(building, recursive: true);
        }
    }

    /// <summary>
    /// Stores an entry fetched from elsewhere (the remote cache): <paramref name="fillOutputs"/> writes <c>outputs/</c>
    /// into the folder it is given, and the result is published only when it matches <paramref name="sums"/> exactly.
    /// Call with the key lock held.
    /// </summary>
    /// <exception cref="InvalidDataException">The outputs written do not match <paramref name="sums"/>.</exception>
    public async Task<CacheEntry> ImportAsync(CacheManifest manifest, string sums, Func<string, Task> fillOutputs)
    {
        var building = Path.Combine(TemporaryFolder, $"{manifest.Key}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        using var inUse = HoldTemporary(building);
        try
        {
            Directory.CreateDirectory(Path.Combine(building, CacheEntry.OutputsFolder));
            await fillOutputs(building).ConfigureAwait(false);
            AtomicFile.WriteAllText(Path.Combine(building, Sha256Sums.FileName), sums);
            if (Sha256Sums.Verify(building) is { } mismatch)
                throw new InvalidDataException(mismatch);
            return MoveIntoPlace(manifest, building);
        }
        finally
        {
            if (Directory.Exists(building))
                Directory.Delete(building, recursive: true);
        }
    }

    /// <summary>Writes the manifest (last: it marks the entry complete) and renames the assembled folder into place.</summary>
    CacheEntry MoveIntoPlace(CacheManifest manifest, string building)
    {
        AtomicFile.WriteAllText(Path.Combine(building, CacheEntry.ManifestFile), manifest.ToJson());
        OnStep?.Invoke("manifest-written");

        var entry = Entry(manifest.Target, manifest.Key);
        Evict(entry);
        Directory.CreateDirectory(Path.GetDirectoryName(entry.Folder)!);
        Directory.Move(building, entry.Folder);
        OnStep?.Invoke("published");
        return entry;
    }

    /// <summary>Removes an entry: first renamed away (so a crash never leaves half of it in place), then deleted.</summary>
    public void Evict(CacheEntry entry)
    {
        if (!Directory.Exists(entry.Folder))
            return;
        var doomed = Path.Combine(TemporaryFolder, $"evicted.{entry.Key}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        using var inUse = HoldTemporary(doomed);
        Directory.Move(entry.Folder, doomed);
        Directory.Delete(doomed, recursive: true);
    }

    /// <summary>
    /// Locks <c>&lt;folder&gt;.lock</c> in <c>tmp/</c> while <paramref name="folder"/> is written or deleted, so
    /// <see cref="RemoveLeftovers"/> (any process) removes only folders whose writer is gone; the lock file goes with it.
    /// </summary>
    TemporaryHold HoldTemporary(string folder)
    {
        Directory.CreateDirectory(TemporaryFolder);
        return new TemporaryHold(folder + LockSuffix, FileLock.TryAcquire(folder + LockSuffix)
            ?? throw new InvalidOperationException($"{folder}{LockSuffix} is held already; temporary names are unique"));
    }

    const string LockSuffix = ".lock";

    sealed class TemporaryHold(string path, FileLock held) : IDisposable
    {
        public void Dispose()
        {
            File.Delete(path);
            held.Dispose();
        }
    }

    /// <summary>
    /// Deletes what killed builds left in <c>tmp/</c> (entries half written, evictions half done): every folder whose
    /// lock nobody holds. Safe while other builds store: their folders stay locked. Returns how many were removed.
    /// </summary>
    public int RemoveLeftovers()
    {
        if (!Directory.Exists(TemporaryFolder))
            return 0;
        var removed = 0;
        foreach (var folder in Directory.GetDirectories(TemporaryFolder))
        {
            using var held = FileLock.TryAcquire(folder + LockSuffix);
            if (held is null || !Directory.Exists(folder))
                continue;
            Directory.Delete(folder, recursive: true);
            removed++;
        }
        foreach (var stray in Directory.GetFiles(TemporaryFolder, "*" + LockSuffix).Where(l => !Directory.Exists(l[..^LockSuffix.Length])))
        {
            using var held = FileLock.TryAcquire(stray);
            if (held is not null)
                File.Delete(stray);
        }
        return removed;
    }

    static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
