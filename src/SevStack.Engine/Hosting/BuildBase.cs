namespace SevStack.Engine.Hosting;

/// <summary>
/// The base of a build class: targets are the <c>Target</c> properties, parameters the <c>[Parameter]</c> members, of the
/// class and of its modules (<see cref="IBuildModule"/> properties).
/// </summary>
public abstract class BuildBase
{
    /// <summary>Facts about this run, for the modules to read when their targets run.</summary>
    public BuildRun Run { get; } = new();

    public string RootDirectory => Run.RootDirectory;

    public string ArtifactsDirectory => Run.ArtifactsDirectory;

    public string CacheDirectory => Run.CacheDirectory;
}
