using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Components.Kernel;

/// <summary>
/// <c>linux-config-SERIES</c>: Debian's merged kernel configs (<c>/usr/src/linux-config-SERIES/config.ARCH_FS_FLAVOUR.xz</c>),
/// the distribution config of a kernel fetched from <c>linux-source-SERIES</c>, whose tarball carries no <c>debian/</c>.
/// Downloaded with <c>apt-get download</c> (apt checks it against the signed archive) and unpacked in a work folder:
/// nothing is installed.
/// </summary>
public sealed class DebianConfigPackage(ICommandRunner runner)
{
    const string SourcePrefix = "linux-source-";

    /// <summary>linux-config-6.1 for linux-source-6.1; null for any other package.</summary>
    public static string? For(string sourcePackage) =>
        sourcePackage.StartsWith(SourcePrefix, StringComparison.Ordinal) && sourcePackage.Length > SourcePrefix.Length
            ? "linux-config-" + sourcePackage[SourcePrefix.Length..]
            : null;

    /// <summary>
    /// The version to use: the source's own when apt still offers it, else the newest apt offers of the same series
    /// (the archive keeps only the current build of an architecture's packages; the configs of one series differ little,
    /// and olddefconfig settles the difference). A dry run that could not ask apt (its build root is not made yet) plans
    /// the source's own version.
    /// </summary>
    public async Task<string> VersionAsync(string package, string sourceVersion, CancellationToken cancellationToken = default)
    {
        var result = await runner.RunAsync(new CommandSpec("apt-cache", "madison", package) { IsQuery = true, AllowFailure = true }, cancellationToken).ConfigureAwait(false);
        var versions = Versions(result.StandardOutput);
        if (versions.Count == 0 && result.Planned)
            return sourceVersion;
        if (versions.Count == 0)
            throw new BuildException($"apt offers no {package} (Debian's merged kernel configs for this kernel); run apt-get update, or choose another --kernel-config (file:PATH, running, defconfig)");
        return versions.Contains(sourceVersion) ? sourceVersion : versions[0];
    }

    /// <summary>
    /// The binary versions in <c>apt-cache madison</c> output, newest first as apt lists them; with deb-src entries
    /// madison also lists the source package's versions (<c>linux | 6.1.192-2 | ... Sources</c>), which no .deb has.
    /// </summary>
    public static IReadOnlyList<string> Versions(string madison) =>
        madison.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Where(fields => fields.Length >= 3 && fields[1].Length > 0 && fields[2].EndsWith(" Packages", StringComparison.Ordinal))
            .Select(fields => fields[1]).Distinct().ToList();

    /// <summary>Downloads the package into <paramref name="folder"/> (emptied first) and returns the path of the flavour's uncompressed config.</summary>
    public async Task<string> ExtractAsync(string package, string version, DebianKernelFlavour flavour, string folder, CancellationToken cancellationToken = default)
    {
        var series = package["linux-config-".Length..];
        var config = Path.Combine(folder, "tree", "usr", "src", package, flavour.MergedFileName);
        if (!runner.IsDryRun)
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(folder);
        }
        await runner.RunAsync(new CommandSpec("apt-get", "download", $"{package}={version}") { WorkingDirectory = folder }, cancellationToken).ConfigureAwait(false);
        var deb = runner.IsDryRun ? Path.Combine(folder, $"{package}_{version}_amd64.deb") : Directory.GetFiles(folder, package + "_*.deb").SingleOrDefault()
            ?? throw new BuildException($"apt-get download {package}={version} left no {package}_*.deb in {folder}");
        await runner.RunAsync(new CommandSpec("dpkg-deb", "-x", deb, Path.Combine(folder, "tree")), cancellationToken).ConfigureAwait(false);
        await runner.RunAsync(new CommandSpec("xz", "--decompress", "--keep", "--force", config + ".xz"), cancellationToken).ConfigureAwait(false);
        if (!runner.IsDryRun && !File.Exists(config))
            throw new BuildException($"{package} {version} holds no /usr/src/{package}/{flavour.MergedFileName}.xz; Debian builds no {flavour.Arch} {flavour.Flavour} kernel of {series}? Choose another --kernel-config");
        return config;
    }
}
