using SevStack.Host;

namespace SevStack.Build.Modules;

/// <summary>What every stage shares: the run, where our packages install, the root they install into, and who maintains them.</summary>
interface IStackSettings
{
    BuildRun Run { get; }

    InstallPrefixSetting InstallPrefix { get; }

    TargetRoot TargetRoot { get; }

    PackageMaintainer Maintainer { get; }

    /// <summary>artifacts/work: source trees, build trees and target outputs.</summary>
    string WorkDirectory => Path.Combine(Run.ArtifactsDirectory, "work");

    /// <summary>artifacts/work/build: the out-of-tree build folders.</summary>
    string BuildRoot => Path.Combine(WorkDirectory, "build");

    /// <summary>Where a cacheable target leaves what it produces: artifacts/work/out/&lt;target&gt;.</summary>
    TargetOutputFolder OutputOf(string target) => new(target, Path.Combine(WorkDirectory, "out", target));
}
