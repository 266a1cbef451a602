namespace SevStack.Packaging.Outputs;

/// <summary>artifacts/manifest.json: every package of the run with its hash, source identity and cache key.</summary>
public sealed record BuildManifest(IReadOnlyList<PackageRecord> Packages)
{
    public string ToJson() => ReportJson.Serialize(this);

    /// <summary>The manifest of the debs folder itself: each file named relative to that folder.</summary>
    public BuildManifest InDebsFolder() => new([.. Packages.Select(p => p with { File = Path.GetFileName(p.File) })]);

    /// <summary>SHA256SUMS in sha256sum's format, paths relative to the artifacts folder, sorted.</summary>
    public string ToSha256Sums() => string.Concat(Packages
        .OrderBy(p => p.File, StringComparer.Ordinal)
        .Select(p => $"{p.Sha256}  {p.File}\n"));
}
