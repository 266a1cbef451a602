
namespace SevStack.Build.Modules.Toolchain;

/// <summary>A build stage: InstallBuildDeps installs the Debian packages of these components for it.</summary>
interface INeedsBuildPackages
{
    IEnumerable<BuildComponent> BuildComponents { get; }

    /// <summary>True for a stage whose builds run inside the build root of --build-release: its packages are installed there.</summary>
    bool BuildsInBuildRoot => false;

    /// <summary>The sources this stage builds from: fetched with the build root's apt when it builds in the root, else with this machine's.</summary>
    IEnumerable<SourceComponent> SourceComponents => [];
}
