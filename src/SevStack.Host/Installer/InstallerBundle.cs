using System.Text.RegularExpressions;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Host.Installer;

/// <summary>
/// artifacts/installer: install.sh, the flat apt repository it installs from (repo/) and the plan's files (plan/), for an
/// operator to copy to a target host and run there as root, without .NET.
/// </summary>
public sealed partial class InstallerBundle(ICommandRunner runner, IBuildLog log)
{
    public const string ScriptName = "install.sh";

    /// <summary>The index files of a flat repository the bundle copies with the packages (not its signatures: the source is trusted).</summary>
    static readonly string[] RepositoryIndexes = ["Packages", "Packages.gz", "Packages.xz", "Release"];

    /// <summary>Resolves and checks the packages as InstallHost does, then writes the folder afresh.</summary>
    public async Task<InstallerPlan> WriteAsync(string folder, InstallHostRequest request, CancellationToken cancellationToken = default)
    {
        if ((request.RepositoryFolder is null) == (request.DebsFolder is null))
            throw new BuildException("PackageInstaller needs the packages from exactly one place: the repository of PackageDebs (artifacts/apt) or --debs DIR");
        if (request.PackageNames.Count == 0)
            throw new BuildException("PackageInstaller was given no package names; name the packages to install (the profile lists them)");
        var output = Path.GetFullPath(folder);
        var staging = output + ".new";
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        var repositoryFolder = Path.Combine(staging, "repo");
        LocalRepository repository;
        if (request.DebsFolder is { } debs)
            repository = await LocalRepository.FromDebsAsync(debs, repositoryFolder, runner, cancellationToken).ConfigureAwait(false);
        else
        {
            var source = LocalRepository.Open(request.RepositoryFolder!);
            Directory.CreateDirectory(repositoryFolder);
            // Every index the Release names: apt before 2.6 (Debian 11's 2.2) fetches Packages.gz when it is listed, and a
            // listed file that is missing fails as a hash sum mismatch.
            foreach (var file in RepositoryIndexes.Select(n => Path.Combine(source.Folder, n)).Where(File.Exists)
                .Concat(source.Packages.Select(source.PathOf)).Distinct())
                File.Copy(file, Path.Combine(repositoryFolder, Path.GetFileName(file)));
            repository = LocalRepository.Open(repositoryFolder);
        }
        var packages = await repository.ResolveAsync(request.PackageNames.Distinct(), runner, cancellationToken).ConfigureAwait(false);
        var plan = InstallerPlan.From(request, packages);

        var planFolder = Path.Combine(staging, "plan");
        Directory.CreateDirectory(planFolder);
        await File.WriteAllTextAsync(Path.Combine(planFolder, "kvm_amd.conf"), plan.KvmAmdFile, cancellationToken).ConfigureAwait(false);
        if (plan.GrubDropIn is { } dropIn)
            await File.WriteAllTextAsync(Path.Combine(planFolder, "grub.cfg"), dropIn, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(planFolder, "depends"), plan.DependsFile(), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(planFolder, "folders"), await FoldersAsync(repository, packages, cancellationToken).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        var script = Path.Combine(staging, ScriptName);
        await File.WriteAllTextAsync(script, InstallerScript.Render(plan), cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);

        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        Directory.Move(staging, output);
        log.Info($"wrote {output}: {ScriptName}, repo/ ({string.Join(", ", packages.Select(p => $"{p.Name} {p.Version}"))}), plan/");
        return plan;
    }

    /// <summary>plan/folders: the folders the packages ship, one a line, for the installer to keep those that exist before them.</summary>
    async Task<string> FoldersAsync(LocalRepository repository, IReadOnlyList<RepositoryPackage> packages, CancellationToken cancellationToken)
    {
        var folders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var package in packages)
        {
            var listing = await runner.RunAsync(new CommandSpec("dpkg-deb", "--contents", repository.PathOf(package)) { IsQuery = true }, cancellationToken).ConfigureAwait(false);
            foreach (var folder in PackagedDirectories.DirectoriesIn(listing.StandardOutput))
                folders.Add(PlainPath().IsMatch(folder) ? folder : throw new BuildException(
                    $"the package {package.Name} ships the folder '{folder}', whose name the installer cannot keep in its state file (letters, digits and ._+-/ only); rename it in the package"));
        }
        return string.Concat(folders.Select(f => f + "\n"));
    }

    [GeneratedRegex(@"^/[A-Za-z0-9._+/-]+$")]
    private static partial Regex PlainPath();
}
