namespace SevStack.Host.Dependencies;

/// <summary>
/// Whether a target can satisfy our packages' Depends from what it has installed, its apt lists and the packages installed
/// with them. This, not a list of releases, is what decides that a package cannot be installed on a target.
/// </summary>
public static class DependencyCheck
{
    /// <returns>One line per unsatisfiable dependency, e.g. "sevstack-qemu needs libc6 (>= 2.34): debian 11 has 2.31-13 (installed)".</returns>
    public static IReadOnlyList<string> Unsatisfiable(TargetRoot root, IReadOnlyList<RepositoryPackage> packages, IReadOnlyList<RepositoryPackage> alongside)
    {
        var clauses = packages.SelectMany(p => DependencyClause.Parse(p.Depends, p.Name).Select(c => (Package: p, Clause: c))).ToList();
        var names = clauses.SelectMany(c => c.Clause.Alternatives).Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var index = TargetPackageIndex.Read(root, names);
        foreach (var package in alongside)
        {
            index.Add(package.Name, new PackageOffer(package.Name, package.Version, "in our repository"));
            foreach (var provided in DependencyClause.Parse(package.Provides, package.Name).SelectMany(c => c.Alternatives))
                index.Add(provided.Name, new PackageOffer(package.Name, provided.Version, "in our repository", IsProvided: true));
        }
        var release = DescribeRelease(root);
        return clauses.Where(c => !c.Clause.Alternatives.Any(a => index.OffersOf(a.Name).Any(o => Satisfies(o, a))))
            .Select(c => $"{c.Package.Name} needs {c.Clause.Text}: {release} has {Offered(c.Clause, index)}")
            .Distinct().ToList();
    }

    static bool Satisfies(PackageOffer offer, Dependency dependency) => dependency.Relation is null
        || (offer.Version is { } version && DebianVersionOrder.Instance.Satisfies(version, dependency.Relation, dependency.Version!));

    static string Offered(DependencyClause clause, TargetPackageIndex index)
    {
        var offered = clause.Alternatives.SelectMany(a => index.OffersOf(a.Name).Select(o => o.IsProvided
            ? $"{a.Name} {o.Version ?? "(unversioned)"} provided by {o.Package} ({o.Where})"
            : $"{a.Name} {o.Version} ({o.Where})")).Distinct().ToList();
        return offered.Count == 0 ? "none of it installed or in its apt lists" : string.Join(", ", offered);
    }

    static string DescribeRelease(TargetRoot root)
    {
        try
        {
            var release = OsRelease.Read(root);
            return $"{release.Id} {release.VersionId}".Trim();
        }
        catch (SevStack.Toolkit.BuildException)
        {
            return root.ToString();
        }
    }
}
