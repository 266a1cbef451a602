using SevStack.Packaging.Outputs;

namespace SevStack.Build.Modules.Packaging;

/// <summary>
/// PackageDebs' output, or the folder <c>--debs</c> names: where InstallHost installs from (a flat apt repository or a
/// folder of .deb files) and the packages its manifest lists (none when it has no manifest).
/// </summary>
/// <param name="Planned">In a dry run, the packages PackageDebs would have written (it wrote no manifest); null otherwise.</param>
sealed record DebSet(string? AptRepository, string? DebsFolder, string Manifest, IReadOnlyList<string> Packages, IReadOnlyList<PackageRecord>? Planned = null)
{
    public static DebSet FromArtifacts(string artifactsDirectory)
    {
        var layout = new ArtifactsLayout(artifactsDirectory);
        return new(layout.Apt, null, layout.Manifest, PackagesIn(layout.Manifest));
    }

    public static DebSet FromFolder(string debsFolder)
    {
        var manifest = Path.GetFullPath(ArtifactsLayout.DebsFolderManifest(debsFolder));
        return new(null, debsFolder, manifest, PackagesIn(manifest));
    }

    static IReadOnlyList<string> PackagesIn(string manifest) => File.Exists(manifest)
        ? ReportJson.Deserialize<BuildManifest>(File.ReadAllText(manifest)).Packages.Select(p => p.Name).ToList()
        : [];
}
