using SevStack.Packaging.Inputs;
using SevStack.Sources;

namespace SevStack.Components.Packages;

/// <summary>What every package of one run shares: its maintainer, our Debian revision and the install prefix.</summary>
public sealed record PackageSettings(string Maintainer, string BuildSuffix, InstallPrefix Prefix)
{
    /// <summary>The fields a component package takes from its source and build; the component fills in the rest.</summary>
    public DebPackageSpec Common(FetchedSource source, string cacheKey) => new()
    {
        Name = "", UpstreamVersion = "", BuildSuffix = BuildSuffix, Architecture = "", Maintainer = Maintainer, Summary = "", LongDescription = "",
        StagingRoot = "", Prefix = Prefix, Source = Identity(source), CacheKey = cacheKey,
        SourceDateEpoch = source.Identity.SourceDateEpoch ?? 0, Copyright = new CopyrightNotice("", "", ""),
    };

    /// <summary>A source as a package records it: where from, which revision, which patches.</summary>
    public static PackageSourceInfo Identity(FetchedSource source) =>
        new(source.Identity.Url, source.Identity.Resolved, source.Identity.Patches.Select(p => $"{p.Name} {p.Sha256}").ToList());

    /// <summary>A folder made empty for a package's staged tree.</summary>
    public static string FreshStaging(string staging, params string[] below)
    {
        if (Directory.Exists(staging))
            Directory.Delete(staging, recursive: true);
        var folder = Path.Combine([staging, .. below]);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
