using SevStack.Components.BuildRoots;
using SevStack.Engine.Parameters;

namespace SevStack.Build.Modules.Toolchain;

/// <summary>--build-release: a release of <see cref="TargetReleases"/> by name (debian-13).</summary>
public sealed record BuildReleaseSetting : ParameterText<BuildReleaseSetting>, IParsable<BuildReleaseSetting>
{
    BuildReleaseSetting(TargetRelease release) : base(release.Name) => Release = release;

    public TargetRelease Release { get; }

    public static BuildReleaseSetting Parse(string s, IFormatProvider? provider) => TargetReleases.Find(s) is { } release
        ? new BuildReleaseSetting(release)
        : throw new FormatException($"expects one of {TargetReleases.Names} (leave it out to build for this machine, without a build root)");
}
