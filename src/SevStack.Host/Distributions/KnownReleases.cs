namespace SevStack.Host.Distributions;

/// <summary>The facts for a target's release: its own row, or for a release not in the tables, the newest known row of its family.</summary>
public static class KnownReleases
{
    public static IReadOnlyList<DistributionRelease> All { get; } = [.. DebianReleases.All, .. UbuntuReleases.All];

    /// <returns>The row of the release, else of the newest release of the same ID (or of an ID_LIKE family); null for a distribution that is not Debian-based.</returns>
    public static DistributionRelease? For(OsRelease release)
    {
        if (All.FirstOrDefault(r => r.Id == release.Id && r.VersionId == release.VersionId) is { } exact)
            return exact;
        return new[] { release.Id }.Concat(release.IdLike).Select(id => All.LastOrDefault(r => r.Id == id)).FirstOrDefault(r => r is not null);
    }

    public static bool IsExact(DistributionRelease facts, OsRelease release) => facts.Id == release.Id && facts.VersionId == release.VersionId;
}
