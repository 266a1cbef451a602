namespace SevStack.Engine.Hosting;

/// <summary>The base of a build class: targets are its <c>Target</c> properties, parameters its <c>[Parameter]</c> members.</summary>
public abstract class BuildBase
{
    /// <summary>The repository root: the folder holding <c>.nuke/</c>.</summary>
    public string RootDirectory { get; internal set; } = "";

    public string ArtifactsDirectory => Path.Combine(RootDirectory, "artifacts");

    public bool IsDryRun { get; internal set; }

    /// <summary>The output cache folder (<c>--cache-dir</c>); component builds may keep ccache under it.</summary>
    public string CacheDirectory { get; internal set; } = "";

    /// <summary>The remote cache (<c>--cache-url</c>, <c>--cache-read-only</c>, <c>--cache-header</c>), null when none; also for ccache's remote storage.</summary>
    public Caching.Remote.RemoteCacheSettings? RemoteCache { get; internal set; }

    public IReadOnlyList<string> Profiles { get; internal set; } = [];

    /// <summary>The targets named on the command line (after name resolution).</summary>
    public IReadOnlyList<string> InvokedTargets { get; internal set; } = [];

    /// <summary>Every target of this run's plan, in order: the invoked ones and their dependencies.</summary>
    public IReadOnlyList<string> PlannedTargets { get; internal set; } = [];

    public bool IsPlanned(string target) => PlannedTargets.Contains(target, StringComparer.Ordinal);
}
