namespace SevStack.Packaging.Outputs;

/// <summary>artifacts/manifest.json: every package of the run with its hash, source identity and cache key.</summary>
public sealed record BuildManifest(IReadOnlyList<PackageRecord> Packages)
{
    public string ToJson() => ReportJson.Serialize(this);

    /// <summary>SHA256SUMS in sha256sum's format, paths relative to the artifacts folder, sorted.</summary>
    public string ToSha256Sums() => string.Concat(Packages
        .OrderBy(p => p.File, StringComparer.Ordinal)
        .Select(p => $"{p.Sha256}  {p.File}\n"));
}
