using System.Text.RegularExpressions;
using SevStack.Toolkit;
using SevStack.Engine.Caching;
using SevStack.Toolkit.Processes;
using SevStack.Sources.Identity;

namespace SevStack.Sources.Apt;

/// <summary>The kernel source tarball of a downloaded <c>linux-source-&lt;ver&gt;</c> package, unpacked from its .deb into the cache.</summary>
public sealed record KernelSourceTarball(string Package, string Version, string TarballPath, string Sha256, DateTimeOffset? ChangelogDate);

/// <summary>
/// <c>apt:linux</c>: finds the <c>linux-source-&lt;ver&gt;</c> package the <c>linux-source</c> metapackage depends on,
/// downloads it with <c>apt-get download</c> (apt checks the .deb against the signed Packages index) into
/// <c>&lt;cache&gt;/apt/&lt;package&gt;/&lt;version&gt;</c> and takes the tarball and changelog out of the .deb with
/// <c>dpkg-deb --fsys-tarfile</c>: nothing is installed, so neither this machine's nor a build root's dpkg status
/// changes. Unpacking uses <c>tar</c>, which is much faster than managed xz for 1.5 GB.
/// </summary>
public sealed partial class KernelSourcePackage(ICommandRunner runner, IBuildLog log, AptEnvironment apt)
{
    /// <param name="version">A version of the linux-source-&lt;ver&gt; package, or null for the candidate.</param>
    /// <param name="cacheDirectory">The sources cache; the package's files go to <c>apt/&lt;package&gt;/&lt;version&gt;</c> under it.</param>
    public async Task<KernelSourceTarball> DownloadAsync(string? version, string cacheDirectory, CancellationToken cancellationToken)
    {
        var package = version is null ? await ResolvePackageAsync(cancellationToken) : NameFor(version);
        var downloads = new AptPackageFolder(cacheDirectory, package);
        if (version is not null && File.Exists(TarballIn(downloads.Of(version), package)))
        {
            log.Info($"apt: {package} {version} already downloaded");
            return await DescribeAsync(package, version, downloads.Of(version), cancellationToken);
        }

        var staging = downloads.NewStaging(runner.IsDryRun);
        try
        {
            log.Info($"apt: downloading {package}{(version is null ? "" : " " + version)} for its kernel source tarball (not installed)");
            using (runner.IsDryRun ? null : await AptLock.AcquireAsync(apt, log, cancellationToken))
                await runner.RunAsync(new CommandSpec("apt-get", [.. apt.Options, "download", "-q", version is null ? package : $"{package}={version}"])
                {
                    WorkingDirectory = staging,
                    Environment = new Dictionary<string, string?> { ["LC_ALL"] = "C" },
                }, cancellationToken);
            var deb = runner.IsDryRun ? Path.Combine(staging, package + ".deb")
                : Directory.GetFiles(staging, package + "_*.deb").SingleOrDefault()
                    ?? throw new BuildException($"apt-get download {package} left no single {package}_*.deb in {staging}");
            // Only the tarball and the changelog (for the source date) are taken out of the .deb.
            await runner.RunAsync(new CommandSpec("bash", "-c",
                "set -o pipefail; dpkg-deb --fsys-tarfile \"$1\" | tar --extract --no-same-owner --directory \"$2\" \"./usr/src/$3.tar.xz\" \"./usr/share/doc/$3/changelog.Debian.gz\"",
                "bash", deb, staging, package), cancellationToken);
            if (runner.IsDryRun)
                return new KernelSourceTarball(package, version ?? "(candidate)", TarballIn(staging, package), "", null);
            var downloaded = (await runner.RunAsync(new CommandSpec("dpkg-deb", "--field", deb, "Version") { IsQuery = true }, cancellationToken)).StandardOutput.Trim();
            if (version is not null && downloaded != version)
                throw new BuildException($"apt-get download {package}={version} gave version {downloaded}");
            File.Delete(deb);
            return await DescribeAsync(package, downloaded, downloads.Commit(staging, downloaded), cancellationToken);
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Unpacks the tarball's single top folder (linux-source-6.1/) as <paramref name="destination"/>.</summary>
    public async Task ExtractAsync(KernelSourceTarball source, string destination, CancellationToken cancellationToken)
    {
        var staging = destination + $".extracting-{Environment.ProcessId}";
        if (Directory.Exists(staging))
            Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        try
        {
            log.Info($"extracting {source.TarballPath} into {destination}");
            await runner.RunAsync(new CommandSpec("tar", "--extract", "--file", source.TarballPath, "--directory", staging, "--no-same-owner"), cancellationToken);
            if (runner.IsDryRun)
                return;
            var top = Directory.GetDirectories(staging);
            if (top.Length != 1 || Directory.GetFiles(staging).Length != 0)
                throw new BuildException($"{source.TarballPath} does not hold exactly one top folder; cannot tell where the kernel source is");
            Directory.Move(top[0], destination);
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }

    static async Task<KernelSourceTarball> DescribeAsync(string package, string version, string folder, CancellationToken cancellationToken)
    {
        var tarball = TarballIn(folder, package);
        var date = DebianChangelog.NewestDate(Path.Combine(folder, "usr", "share", "doc", package, "changelog.Debian.gz"));
        return new KernelSourceTarball(package, version, tarball, await FileHashes.Sha256Async(tarball, cancellationToken), date);
    }

    static string TarballIn(string folder, string package) => Path.Combine(folder, "usr", "src", package + ".tar.xz");

    /// <summary>linux-source-&lt;major.minor&gt;, the package that installs the kernel tarball of this version.</summary>
    public static string NameFor(string version) => "linux-source-" + string.Join('.', version.Split('.').Take(2));

    /// <summary>The linux-source-&lt;ver&gt; package the <c>linux-source</c> metapackage depends on, for an unpinned fetch.</summary>
    async Task<string> ResolvePackageAsync(CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(new CommandSpec("apt-cache", [.. apt.Options, "depends", "linux-source"]) { IsQuery = true, AllowFailure = true }, cancellationToken);
        var match = DependsOnVersioned().Match(result.StandardOutput);
        if (!match.Success)
            throw new BuildException("apt knows no linux-source package depending on linux-source-<version>; run apt-get update, or use git/tarball kernel sources");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"Depends: (linux-source-[0-9][0-9a-z.+-]*)")]
    private static partial Regex DependsOnVersioned();
}
