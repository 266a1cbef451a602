using SevStack.Packaging.Inputs;

namespace SevStack.Packaging.Outputs;

/// <summary>The build report shipped inside a package as /usr/share/doc/&lt;package&gt;/sevstack-build.json.</summary>
public sealed record EmbeddedBuildReport(
    string Name,
    string Version,
    string Architecture,
    PackageSourceInfo Source,
    string CacheKey,
    long SourceDateEpoch)
{
    public const string FileName = "sevstack-build.json";

    public static EmbeddedBuildReport From(DebPackageSpec spec) =>
        new(spec.Name, spec.Version, spec.Architecture, spec.Source, spec.CacheKey, spec.SourceDateEpoch);
}
