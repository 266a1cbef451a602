using System.Collections.Concurrent;
using SevStack.Toolkit.Processes;

namespace SevStack.Engine.Caching.Remote;

/// <summary>
/// The remote output cache, in bazel-remote's HTTP layout: file contents as blobs at <c>cas/&lt;sha256&gt;</c>, each
/// entry's <see cref="RemoteEntryDocument"/> at <c>ac/&lt;sha256 of target/key&gt;</c>, uploaded after every blob it
/// names. A fetched entry is used only when every blob matches its hash and the whole matches the entry's SHA256SUMS
/// and key; otherwise it is a miss with one warning. When the server fails once, the run goes on without it (one warning).
/// </summary>
public sealed class RemoteCache : IDisposable
{
    const int ParallelTransfers = 8;
    readonly RemoteCacheSettings settings;
    readonly RemoteHttp http;
    readonly ConcurrentDictionary<string, byte> badBlobs = new(StringComparer.Ordinal);
    int unavailable;

    public RemoteCache(RemoteCacheSettings settings)
    {
        this.settings = settings;
        http = new RemoteHttp(settings);
    }

    /// <summary>What a lookup found: an entry now published in the local store, or why there is none.</summary>
    public sealed record Lookup(CacheEntry? Entry, string Reason);

    /// <summary>Looks the entry up and, when it is there and intact, stores it in <paramref name="store"/>. Call with the key lock held.</summary>
    public async Task<Lookup> FetchAsync(CacheStore store, CacheManifest manifest, IBuildLog log, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref unavailable) != 0)
            return new(null, "the remote cache was not used (it failed earlier in this run)");
        var id = RemoteEntryDocument.Id(manifest.Target, manifest.Key);
        try
        {
            if (await http.GetBytesAsync($"ac/{id}", cancellationToken).ConfigureAwait(false) is not { } bytes)
                return new(null, "not on the remote cache either");
            var document = RemoteEntryDocument.Parse(bytes);
            if (document.Target != manifest.Target || document.Key != manifest.Key || document.Manifest != manifest.ToJson())
                throw new InvalidDataException($"its {CacheEntry.ManifestFile} does not match the key");
            var entry = await store.ImportAsync(manifest, document.Sums, folder => DownloadAsync(folder, document, cancellationToken)).ConfigureAwait(false);
            return new(entry, "");
        }
        catch (InvalidDataException e)
        {
            log.Warning($"remote cache entry {manifest.Key[..8]} of {manifest.Target} at {settings.Url} is unusable ({e.Message}): ignored, building locally");
            return new(null, $"the remote entry was unusable ({e.Message})");
        }
        catch (RemoteCacheUnavailableException e)
        {
            GiveUp(log, e);
            return new(null, $"the remote cache failed ({e.Message})");
        }
    }

    /// <summary>Uploads a published entry (blobs first, its document last) unless read-only; a failure is a warning.</summary>
    public async Task UploadAsync(CacheEntry entry, IBuildLog log, CancellationToken cancellationToken)
    {
        if (settings.ReadOnly || Volatile.Read(ref unavailable) != 0)
            return;
        try
        {
            var sums = await File.ReadAllTextAsync(Path.Combine(entry.Folder, Sha256Sums.FileName), cancellationToken).ConfigureAwait(false);
            var lines = Sha256Sums.Parse(sums);
            var links = lines.Where(l => l.Kind == "link")
                .ToDictionary(l => l.Path, l => new FileInfo(Path.Combine(entry.Folder, l.Path)).LinkTarget!, StringComparer.Ordinal);
            var blobs = lines.Where(l => l.Kind == "file").DistinctBy(l => l.Hash).ToList();
            var sent = 0;
            await Parallel.ForEachAsync(blobs, new ParallelOptions { MaxDegreeOfParallelism = ParallelTransfers, CancellationToken = cancellationToken }, async (blob, token) =>
            {
                var file = Path.Combine(entry.Folder, blob.Path);
                var size = await http.SizeAsync($"cas/{blob.Hash}", token).ConfigureAwait(false);
                if (size == new FileInfo(file).Length && !badBlobs.ContainsKey(blob.Hash))
                    return;
                await http.PutAsync($"cas/{blob.Hash}", RemoteHttp.FileContent(file), token).ConfigureAwait(false);
                Interlocked.Increment(ref sent);
            }).ConfigureAwait(false);
            var manifest = await File.ReadAllTextAsync(entry.ManifestPath, cancellationToken).ConfigureAwait(false);
            var document = new RemoteEntryDocument(entry.Target, entry.Key, manifest, sums, links);
            await http.PutAsync($"ac/{RemoteEntryDocument.Id(entry.Target, entry.Key)}", new ByteArrayContent(document.ToBytes()), cancellationToken).ConfigureAwait(false);
            log.Info($"remote cache: uploaded entry {entry.Key[..8]} of {entry.Target} to {settings.Url} ({sent} of {blobs.Count} blob(s) sent, the others were there)");
        }
        catch (RemoteCacheUnavailableException e)
        {
            GiveUp(log, e);
        }
    }

    /// <summary>Writes the entry's folders, files (each blob checked against its hash) and symlinks under <paramref name="folder"/>.</summary>
    async Task DownloadAsync(string folder, RemoteEntryDocument document, CancellationToken cancellationToken)
    {
        var lines = Sha256Sums.Parse(document.Sums);
        CheckPaths(lines);
        foreach (var directory in lines.Where(l => l.Kind == "dir"))
            Directory.CreateDirectory(Path.Combine(folder, directory.Path));

        var files = lines.Where(l => l.Kind == "file").GroupBy(l => l.Hash).ToList();
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = ParallelTransfers, CancellationToken = cancellationToken }, async (group, token) =>
        {
            var first = Path.Combine(folder, group.First().Path);
            var fetched = await http.DownloadAsync($"cas/{group.Key}", first, token).ConfigureAwait(false)
                ?? throw new InvalidDataException($"the blob {group.Key[..12]} of {group.First().Path} is missing on the server");
            if (fetched.Sha256 != group.Key)
            {
                badBlobs.TryAdd(group.Key, 0);
                throw new InvalidDataException($"the blob {group.Key[..12]} of {group.First().Path} does not match its sha256 ({fetched.Bytes} bytes hash to {fetched.Sha256[..12]})");
            }
            foreach (var copy in group.Skip(1))
                File.Copy(first, Path.Combine(folder, copy.Path));
        }).ConfigureAwait(false);

        foreach (var file in lines.Where(l => l.Kind == "file"))
            SetMode(Path.Combine(folder, file.Path), file.Mode);
        foreach (var link in lines.Where(l => l.Kind == "link"))
            File.CreateSymbolicLink(Path.Combine(folder, link.Path),
                document.Links.GetValueOrDefault(link.Path) ?? throw new InvalidDataException($"its document has no target for the symlink {link.Path}"));
        foreach (var directory in lines.Where(l => l.Kind == "dir").Reverse())
            SetMode(Path.Combine(folder, directory.Path), directory.Mode);
    }

    /// <summary>Every path lies under <c>outputs/</c>, in a folder the list itself declares: nothing is written through a symlink or outside.</summary>
    static void CheckPaths(IReadOnlyList<Sha256Sums.Line> lines)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal) { CacheEntry.OutputsFolder };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var parts = line.Path.Split('/');
            var parent = string.Join('/', parts[..^1]);
            if (parts.Length < 2 || parts.Any(p => p is "" or "." or ".." || p.Contains('\0', StringComparison.Ordinal)) || !folders.Contains(parent) || !seen.Add(line.Path))
                throw new InvalidDataException($"its SHA256SUMS lists an unsafe or repeated path: {line.Path}");
            if (line.Kind == "dir")
                folders.Add(line.Path);
            else if (line.Kind == "file" && (line.Hash.Length != 64 || !line.Hash.All(char.IsAsciiHexDigitLower)))
                throw new InvalidDataException($"its SHA256SUMS has no valid sha256 for {line.Path}");
        }
    }

    /// <summary>Sets the octal mode the list gives (<c>-</c> where the writer kept none, as on Windows).</summary>
    static void SetMode(string path, string octal)
    {
        if (octal == "-" || OperatingSystem.IsWindows())
            return;
        try { File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32(octal, 8) & (UnixFileMode)0xFFF); }
        catch (Exception e) when (e is FormatException or ArgumentException) { throw new InvalidDataException($"its SHA256SUMS has an invalid mode {octal}", e); }
    }

    void GiveUp(IBuildLog log, RemoteCacheUnavailableException e)
    {
        if (Interlocked.Exchange(ref unavailable, 1) == 0)
            log.Warning($"remote cache {settings.Url} is unavailable ({e.Message}): building locally and not using it for the rest of this run");
    }

    public void Dispose() => http.Dispose();
}
