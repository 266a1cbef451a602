namespace SevStack.Sources.Apt;

/// <summary>
/// A package's downloads in the sources cache, one folder per version (<c>apt/&lt;package&gt;/&lt;version&gt;</c>, ':' as
/// '_'), each filled in a staging folder of this process and moved into place only when complete.
/// </summary>
sealed class AptPackageFolder(string cacheDirectory, string package)
{
    readonly string folder = Path.Combine(Path.GetFullPath(cacheDirectory), "apt", package);

    public string Of(string version) => Path.Combine(folder, version.Replace(':', '_'));

    /// <summary>An empty staging folder of this process; a dry run creates none, as it writes nothing to the cache.</summary>
    public string NewStaging(bool dryRun)
    {
        var staging = Path.Combine(folder, $".download-{Environment.ProcessId}");
        if (Directory.Exists(staging))
            Directory.Delete(staging, recursive: true);
        if (!dryRun)
            Directory.CreateDirectory(staging);
        return staging;
    }

    /// <summary>Moves a complete staging folder into place as <paramref name="version"/>'s folder, replacing an earlier one.</summary>
    public string Commit(string staging, string version)
    {
        var final = Of(version);
        if (Directory.Exists(final))
            Directory.Delete(final, recursive: true);
        Directory.Move(staging, final);
        return final;
    }
}
