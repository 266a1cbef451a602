using System.Text.RegularExpressions;
using SevStack.Toolkit;
using SevStack.Engine.Caching;
using SevStack.Toolkit.Processes;
using SevStack.Sources.Identity;

namespace SevStack.Sources.Apt;

/// <summary>The kernel source tarball that a <c>linux-source-&lt;ver&gt;</c> package installs under /usr/src.</summary>
public sealed record KernelSourceTarball(string Package, string Version, string TarballPath, string Sha256, DateTimeOffset? ChangelogDate);

/// <summary>
/// <c>apt:linux</c>: finds the <c>linux-source-&lt;ver&gt;</c> package the <c>linux-source</c> metapackage depends on,
/// installs it (root), and hashes its tarball. Unpacking uses <c>tar</c>, which is much faster than managed xz for 1.5 GB.
/// </summary>
public sealed partial class KernelSourcePackage(ICommandRunner runner, IBuildLog log, AptEnvironment apt, string usrSrc = "/usr/src", string docRoot = "/usr/share/doc")
{
    /// <param name="version">A version of the linux-source-&lt;ver&gt; package to install, or null for the candidate.</param>
    public async Task<KernelSourceTarball> InstallAsync(string? version, CancellationToken cancellationToken)
    {
        var package = await ResolvePackageAsync(cancellationToken);
        var installed = await InstalledVersionAsync(package, cancellationToken);
        var wouldInstall = installed is null || (version is not null && installed != version);
        if (wouldInstall)
        {
            log.Info($"apt: installing {package}{(version is null ? "" : " " + version)} for its kernel source tarball");
            using var aptLock = runner.IsDryRun ? null : await AptLock.AcquireAsync(apt, log, cancellationToken);
            // The lock's version is the one to build, also when a newer one is installed (an update, or the Test target's).
            string[] exact = version is null ? [package] : ["--allow-downgrades", $"{package}={version}"];
            await runner.RunAsync(new CommandSpec("apt-get", [.. apt.Options, "install", "-y", "-q", "--no-install-recommends", .. exact])
            {
                NeedsRoot = apt.NeedsRoot,
                Environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive", ["LC_ALL"] = "C" },
            }, cancellationToken);
            installed = runner.IsDryRun ? version ?? "(candidate)" : await InstalledVersionAsync(package, cancellationToken);
        }
        var tarball = Path.Combine(usrSrc, package + ".tar.xz");
        if (runner.IsDryRun && (wouldInstall || !File.Exists(tarball)))
            return new KernelSourceTarball(package, installed!, tarball, "", null);
        if (!File.Exists(tarball))
            throw new BuildException($"{package} {installed} is installed but {tarball} is missing; reinstall it (apt-get install --reinstall {package})");
        var date = DebianChangelog.NewestDate(Path.Combine(docRoot, package, "changelog.Debian.gz"));
        return new KernelSourceTarball(package, installed!, tarball, await FileHashes.Sha256Async(tarball, cancellationToken), date);
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

    async Task<string> ResolvePackageAsync(CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(new CommandSpec("apt-cache", [.. apt.Options, "depends", "linux-source"]) { IsQuery = true, AllowFailure = true }, cancellationToken);
        var match = DependsOnVersioned().Match(result.StandardOutput);
        if (!match.Success)
            throw new BuildException("apt knows no linux-source package depending on linux-source-<version>; run apt-get update, or use git/tarball kernel sources");
        return match.Groups[1].Value;
    }

    async Task<string?> InstalledVersionAsync(string package, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(new CommandSpec("dpkg-query", "--show", "--showformat=${db:Status-Status} ${Version}", package) { IsQuery = true, AllowFailure = true }, cancellationToken);
        var parts = result.StandardOutput.Trim().Split(' ');
        return result.Succeeded && parts.Length == 2 && parts[0] == "installed" ? parts[1] : null;
    }

    [GeneratedRegex(@"Depends: (linux-source-[0-9][0-9a-z.+-]*)")]
    private static partial Regex DependsOnVersioned();
}
