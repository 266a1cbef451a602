using SevStack.Toolkit;
using SevStack.Engine.Caching;
using SevStack.Toolkit.Processes;
using SevStack.Sources.Identity;

namespace SevStack.Sources.Apt;

/// <summary>A downloaded Debian source package: its .dsc (which lists the checksums of the other files), version and .dsc sha256.</summary>
public sealed record AptSourceDownload(string Package, string Version, string DscPath, string DscSha256);

/// <summary>
/// Debian source packages through apt: <c>apt-get source --download-only</c> (apt checks the files against the signed
/// Release data) and <c>dpkg-source -x</c>. Adds temporary deb-src entries when the machine has none.
/// </summary>
public sealed class AptSourcePackages(ICommandRunner runner, IBuildLog log, AptEnvironment apt)
{
    /// <summary>The file with temporary deb-src entries; it exists only while <see cref="DownloadAsync"/> runs.</summary>
    public string TemporarySourcesFile => Path.Combine(apt.SourceParts, "sevstack-deb-src.sources");

    /// <summary>Downloads the source package into <c>&lt;cache&gt;/apt/&lt;package&gt;/&lt;version&gt;</c>, or reuses it when that version is there.</summary>
    public async Task<AptSourceDownload> DownloadAsync(string package, string? version, string cacheDirectory, CancellationToken cancellationToken)
    {
        var downloads = new AptPackageFolder(cacheDirectory, package);
        if (version is not null && FindDsc(downloads.Of(version), package) is { } cached)
        {
            log.Info($"apt: {package} {version} source already downloaded");
            return Describe(package, cached);
        }

        // A dry run only prints apt-get source: it creates nothing in the cache.
        var staging = downloads.NewStaging(runner.IsDryRun);
        try
        {
            await WithDebSrcEntriesAsync(async () =>
            {
                var target = version is null ? package : $"{package}={version}";
                try
                {
                    await runner.RunAsync(AptGet(["source", "--download-only", target]) with { WorkingDirectory = staging }, cancellationToken);
                }
                catch (CommandFailedException e) when (!runner.IsDryRun)
                {
                    log.Warning($"apt: apt-get source {target} failed ({e.OutputTail.LastOrDefault()?.Trim() ?? $"exit {e.ExitCode}"}); " +
                        "taking its files as the signed Sources index lists them and writing its .dsc from that entry");
                    Directory.Delete(staging, recursive: true);
                    Directory.CreateDirectory(staging);
                    await new AptIndexSource(runner, log, apt).DownloadAsync(package, version, staging, cancellationToken);
                }
            }, cancellationToken);
            if (runner.IsDryRun)
                return new AptSourceDownload(package, version ?? "(candidate)", Path.Combine(staging, package + ".dsc"), "");
            var dsc = FindDsc(staging, package) ?? throw new BuildException($"apt-get source {package} downloaded no .dsc into {staging}");
            var download = Describe(package, dsc);
            var final = downloads.Commit(staging, download.Version);
            return download with { DscPath = Path.Combine(final, Path.GetFileName(dsc)) };
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Unpacks the package (with Debian's patches applied) into <paramref name="destination"/>, which must not exist.</summary>
    public async Task ExtractAsync(AptSourceDownload download, string destination, CancellationToken cancellationToken)
    {
        var staging = destination + $".extracting-{Environment.ProcessId}";
        if (Directory.Exists(staging))
            Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        try
        {
            // --no-copy: keep the orig tarballs in the cache instead of copying them beside the tree.
            await runner.RunAsync(new CommandSpec("dpkg-source", "--no-copy", "-x", download.DscPath, staging)
            {
                WorkingDirectory = Path.GetDirectoryName(download.DscPath),
                Environment = new Dictionary<string, string?> { ["LC_ALL"] = "C" },
            }, cancellationToken);
            if (!runner.IsDryRun)
                Directory.Move(staging, destination);
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> with deb-src entries available: when apt has none, writes <see cref="TemporarySourcesFile"/>,
    /// runs apt-get update, and removes the file afterwards whatever happens (failure, cancellation). All of it holds
    /// the apt lock (<see cref="AptLock"/>), so another fetch never removes the file while this one uses it.
    /// </summary>
    public async Task WithDebSrcEntriesAsync(Func<Task> action, CancellationToken cancellationToken)
    {
        using var aptLock = runner.IsDryRun ? null : await AptLock.AcquireAsync(apt, log, cancellationToken);
        var file = TemporarySourcesFile;
        if (File.Exists(file))
        {
            log.Info($"apt: removing {file} left behind by an interrupted run");
            await RemoveAsync(file);
        }
        if (apt.ProvidesDebSrc || DebSrcEntries.AnyDebSrc(apt, file))
        {
            await action();
            return;
        }
        var content = DebSrcEntries.Derive(apt, file)
            ?? throw new BuildException($"apt has no deb or deb-src entries in {apt.SourceList} or {apt.SourceParts}; add your distribution's mirror");
        var written = Path.Combine(Path.GetTempPath(), $"sevstack-deb-src-{Environment.ProcessId}-{Guid.NewGuid():N}.sources");
        File.WriteAllText(written, content);
        try
        {
            log.Info($"apt: no deb-src entries; adding them temporarily in {file}");
            await runner.RunAsync(new CommandSpec("install", "-m", "0644", written, file) { NeedsRoot = apt.NeedsRoot }, cancellationToken);
            await runner.RunAsync(AptGet(["update", "-q"]) with { NeedsRoot = apt.NeedsRoot }, cancellationToken);
            await action();
        }
        finally
        {
            File.Delete(written);
            await RemoveAsync(file);
        }
    }

    Task RemoveAsync(string file) =>
        runner.RunAsync(new CommandSpec("rm", "-f", "--", file) { NeedsRoot = apt.NeedsRoot }, CancellationToken.None);

    CommandSpec AptGet(IEnumerable<string> arguments) =>
        new("apt-get", [.. apt.Options, .. arguments])
        {
            Environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive", ["LC_ALL"] = "C" },
        };

    static string? FindDsc(string folder, string package) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, $"{package}_*.dsc").Order(StringComparer.Ordinal).FirstOrDefault() : null;

    static AptSourceDownload Describe(string package, string dsc)
    {
        var version = File.ReadLines(dsc).FirstOrDefault(l => l.StartsWith("Version:", StringComparison.Ordinal))?["Version:".Length..].Trim()
            ?? throw new BuildException($"{dsc} has no Version field; delete it and run again");
        // A .dsc written from the Sources index (AptIndexSource) is pinned by the index's hash of the real one.
        var indexHash = dsc + AptIndexSource.IndexHashSuffix;
        return new AptSourceDownload(package, version, dsc, File.Exists(indexHash) ? File.ReadAllText(indexHash).Trim() : FileHashes.Sha256(dsc));
    }

}
