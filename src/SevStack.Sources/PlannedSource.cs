using SevStack.Sources.Identity;
using SevStack.Sources.Locking;
using SevStack.Sources.Patches;
using SevStack.Sources.Specs;

namespace SevStack.Sources;

/// <summary>
/// The identity a fetch will give a component's source, known before fetching from the lock's entry for the spec and the
/// local patch series, so that a build's cache key can be computed first; null where only the fetch can tell (no entry
/// for this spec, --update-lock, tarball and dir: sources). The fetch checks it got this identity (<see cref="Require"/>).
/// </summary>
public static class PlannedSource
{
    public static SourceIdentity? FromLock(string component, string spec, SourceLayout layout, SourceLock sourceLock, FetchOptions options)
    {
        var parsed = SourceSpec.Parse(spec);
        if (options.UpdateLock || sourceLock.Find(options.Profile, component) is not { } entry || entry.Spec != parsed.Text || entry.Kind != parsed.Kind)
            return null;
        var patches = PatchSeries.Load(layout.PatchesDirectory, component, options.Profile).Identities;
        return parsed switch
        {
            GitSourceSpec git => new SourceIdentity(git.Kind, git.Url, entry.Resolved, null, patches, null),
            AptSourceSpec apt when entry.Version is { } version && (apt.Version ?? version) == version =>
                new SourceIdentity(apt.Kind, apt.IsKernel ? Apt.KernelSourcePackage.NameFor(version) : apt.Package, entry.Resolved, version, patches, null),
            _ => null,
        };
    }

    /// <summary>Fails when a fetch made something else than the identity planned from the lock (a key computed first would be wrong).</summary>
    public static void Require(SourceIdentity? planned, FetchedSource fetched, string component)
    {
        if (planned is not null && planned.Canonical() != fetched.Identity.Canonical())
            throw new Toolkit.BuildException($"{component}: the lock planned the source {planned.Canonical()}, but the fetch made {fetched.Identity.Canonical()}; " +
                "cache keys computed before the fetch would be wrong: run with --update-lock to record what the fetch makes");
    }
}
