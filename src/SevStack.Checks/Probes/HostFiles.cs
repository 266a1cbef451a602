namespace SevStack.Checks.Probes;

/// <summary>
/// Reads the files of a machine under a root folder (<c>/</c> live, a fixture tree in tests).
/// Paths are given as on the machine (<c>/proc/cpuinfo</c>) so evidence shows them that way too.
/// </summary>
public sealed class HostFiles(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public bool IsLiveRoot => Root == "/";

    public string Resolve(string path) => Path.Combine(Root, path.TrimStart('/'));

    public bool Exists(string path) => File.Exists(Resolve(path)) || Directory.Exists(Resolve(path));

    public bool DirectoryExists(string path) => Directory.Exists(Resolve(path));

    /// <summary>The text of a file, or null when it is missing or unreadable.</summary>
    public string? ReadText(string path)
    {
        try { return File.ReadAllText(Resolve(path)); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>Names of the entries of a folder (files, folders and links), sorted; empty when it is missing.</summary>
    public IReadOnlyList<string> List(string path)
    {
        var full = Resolve(path);
        if (!Directory.Exists(full))
            return [];
        return [.. Directory.EnumerateFileSystemEntries(full).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Reads <paramref name="count"/> bytes at <paramref name="offset"/> in one positioned read, as the
    /// <c>/dev/cpu/N/cpuid</c> and <c>/dev/cpu/N/msr</c> drivers require (the offset selects the leaf or register).
    /// </summary>
    public PositionedRead ReadAt(string path, long offset, int count)
    {
        var full = Resolve(path);
        if (!File.Exists(full))
            return new PositionedRead(null, "missing");
        try
        {
            using var handle = File.OpenHandle(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var buffer = new byte[count];
            var read = RandomAccess.Read(handle, buffer, offset);
            return read == count ? new PositionedRead(buffer, null) : new PositionedRead(null, $"short read ({read} of {count} bytes)");
        }
        catch (UnauthorizedAccessException) { return new PositionedRead(null, "permission denied (run as root)"); }
        catch (IOException e) { return new PositionedRead(null, e.Message); }
        catch (NotSupportedException e) { return new PositionedRead(null, e.Message); }
    }

    public UnixFileMode? Mode(string path)
    {
        var full = Resolve(path);
        if (OperatingSystem.IsWindows() || !(File.Exists(full) || Directory.Exists(full))) return null;
        return File.GetUnixFileMode(full);
    }
}

/// <summary>The bytes of a positioned read, or why there are none.</summary>
public sealed record PositionedRead(byte[]? Data, string? Error);
