using SevStack.Toolkit;
using SevStack.Engine.Caching;
using SevStack.Toolkit.Processes;

namespace SevStack.Host;

/// <summary>A flat apt repository folder (Packages beside the .deb files), as <c>deb file:DIR ./</c> reads it.</summary>
/// <param name="IsPlanned">A dry run's repository that PackageDebs has not written: its package files are not there to check.</param>
public sealed record LocalRepository(string Folder, IReadOnlyList<RepositoryPackage> Packages, bool IsPlanned = false)
{
    /// <summary>The repository itself, or in a dry run before PackageDebs wrote it, the packages it would hold.</summary>
    public static LocalRepository OpenOrPlan(string folder, ICommandRunner runner, IReadOnlyList<RepositoryPackage>? planned) =>
        runner.IsDryRun && planned is not null && !File.Exists(Path.Combine(Path.GetFullPath(folder), "Packages"))
            ? new LocalRepository(Path.GetFullPath(folder), planned, IsPlanned: true)
            : Open(folder);

    public static LocalRepository Open(string folder)
    {
        var full = Path.GetFullPath(folder);
        var index = Path.Combine(full, "Packages");
        if (!File.Exists(index))
            throw new BuildException($"{full} is not an apt repository (no Packages file); run the PackageDebs target, or pass --debs with a folder of .deb files");
        return new LocalRepository(full, DebControl.ParseStanzas(File.ReadAllText(index)).Select(RepositoryPackage.From).ToList());
    }

    /// <summary>Builds a flat repository in <paramref name="repositoryFolder"/> from every .deb in <paramref name="debsFolder"/>.</summary>
    public static async Task<LocalRepository> FromDebsAsync(string debsFolder, string repositoryFolder, ICommandRunner runner, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(debsFolder);
        if (!Directory.Exists(source))
            throw new BuildException($"the --debs folder {source} does not exist; pass the folder the .deb files were downloaded to");
        Directory.CreateDirectory(repositoryFolder);
        var stanzas = new List<string>();
        foreach (var deb in Directory.GetFiles(source, "*.deb").Order(StringComparer.Ordinal))
        {
            var control = await ReadControlAsync(deb, runner, cancellationToken).ConfigureAwait(false);
            var name = Path.GetFileName(deb);
            File.Copy(deb, Path.Combine(repositoryFolder, name), overwrite: true);
            var info = new FileInfo(deb);
            stanzas.Add(control.TrimEnd('\n') + $"\nFilename: ./{name}\nSize: {info.Length}\nSHA256: {FileHashes.Sha256(deb)}\n");
        }
        var packages = string.Join("\n", stanzas);
        await File.WriteAllTextAsync(Path.Combine(repositoryFolder, "Packages"), packages, cancellationToken).ConfigureAwait(false);
        var index = Path.Combine(repositoryFolder, "Packages");
        await File.WriteAllTextAsync(Path.Combine(repositoryFolder, "Release"),
            $"Origin: SevStack\nLabel: SevStack\nSuite: local\nCodename: local\nSHA256:\n {FileHashes.Sha256(index)} {new FileInfo(index).Length} Packages\n",
            cancellationToken).ConfigureAwait(false);
        return Open(repositoryFolder);
    }

    public RepositoryPackage? Find(string name) => Packages.FirstOrDefault(p => p.Name == name);

    public string PathOf(RepositoryPackage package) => Path.GetFullPath(Path.Combine(Folder, package.Filename));

    /// <summary>Checks that each named package is in the repository, readable, intact and a valid .deb.</summary>
    public async Task<IReadOnlyList<RepositoryPackage>> ResolveAsync(IEnumerable<string> names, ICommandRunner runner, CancellationToken cancellationToken = default)
    {
        var resolved = new List<RepositoryPackage>();
        foreach (var name in names)
        {
            var package = Find(name) ?? throw new BuildException(
                $"the package {name} is not in the repository {Folder} (it has: {string.Join(", ", Packages.Select(p => p.Name).Distinct())}); build it with PackageDebs or fix the name");
            if (IsPlanned)
            {
                resolved.Add(package);
                continue;
            }
            var file = PathOf(package);
            try
            {
                await using var stream = File.OpenRead(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new BuildException($"the package file {file} for {name} cannot be read ({e.Message}); rebuild the repository with PackageDebs or fix its permissions");
            }
            if (package.Sha256 is { } expected && !string.Equals(FileHashes.Sha256(file), expected, StringComparison.OrdinalIgnoreCase))
                throw new BuildException($"the package file {file} does not match the SHA256 in {Folder}/Packages (corrupt or replaced); rebuild the repository with PackageDebs");
            await ReadControlAsync(file, runner, cancellationToken).ConfigureAwait(false);
            resolved.Add(package);
        }
        return resolved;
    }

    static async Task<string> ReadControlAsync(string deb, ICommandRunner runner, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(new CommandSpec("dpkg-deb", "--field", deb) { IsQuery = true, AllowFailure = true }, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded || string.IsNullOrWhiteSpace(result.StandardOutput))
        {
            var reason = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no control data";
            throw new BuildException($"{deb} is not a valid .deb package ({reason}); rebuild it with PackageDebs or download it again");
        }
        return result.StandardOutput;
    }
}

public sealed record RepositoryPackage(string Name, string Version, string Architecture, string Filename, long Size, string? Sha256)
{
    /// <summary>The Depends field (and Pre-Depends), as the package declares it; empty when it depends on nothing.</summary>
    public string Depends { get; init; } = "";

    /// <summary>The Provides field.</summary>
    public string Provides { get; init; } = "";

    public static RepositoryPackage From(IReadOnlyDictionary<string, string> fields) => new(
        fields.GetValueOrDefault("Package") ?? throw new BuildException("a Packages stanza has no Package field; rebuild the repository with PackageDebs"),
        fields.GetValueOrDefault("Version", ""),
        fields.GetValueOrDefault("Architecture", ""),
        fields.GetValueOrDefault("Filename") ?? throw new BuildException($"the Packages stanza of {fields["Package"]} has no Filename field; rebuild the repository with PackageDebs"),
        long.TryParse(fields.GetValueOrDefault("Size"), out var size) ? size : 0,
        fields.GetValueOrDefault("SHA256"))
    {
        Depends = string.Join(", ", new[] { "Pre-Depends", "Depends" }.Select(f => fields.GetValueOrDefault(f, "")).Where(v => v.Length > 0)),
        Provides = fields.GetValueOrDefault("Provides", ""),
    };
}
