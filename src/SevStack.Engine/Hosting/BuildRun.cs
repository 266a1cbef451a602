using SevStack.Toolkit.Processes;

namespace SevStack.Engine.Hosting;

/// <summary>What every module may read about the run: its folders, profiles, dry run and invoked targets, set before any target runs.</summary>
public sealed class BuildRun
{
    readonly Lock standardOutputGate = new();

    internal TextWriter StandardOutput { get; set; } = TextWriter.Null;

    /// <summary>
    /// Writes data to standard output, whole, ending with a newline; meant for a run whose modules said standard output
    /// carries data (<see cref="IStandardOutputData"/>), such as a JSON report a program reads.
    /// </summary>
    public void WriteStandardOutput(string text)
    {
        lock (standardOutputGate)
        {
            StandardOutput.Write(text.EndsWith('\n') ? text : text + "\n");
            StandardOutput.Flush();
        }
    }

    /// <summary>
    /// Where what runs before any target logs, e.g. a command a target's startup check (<c>Requires</c>) runs: every
    /// external command is logged with its arguments, also before a target's own log exists. Set before the checks run.
    /// </summary>
    public IBuildLog StartupLog { get; internal set; } = new MemoryBuildLog();

    /// <summary>The repository root: the folder holding <c>.nuke/</c>.</summary>
    public string RootDirectory { get; internal set; } = "";

    public string ArtifactsDirectory => Path.Combine(RootDirectory, "artifacts");

    /// <summary>The output cache folder (<c>--cache-dir</c>); component builds may keep ccache under it.</summary>
    public string CacheDirectory { get; internal set; } = "";

    /// <summary>The remote cache (<c>--cache-url</c>, <c>--cache-read-only</c>, <c>--cache-header</c>), null when none; also for ccache's remote storage.</summary>
    public Caching.Remote.RemoteCacheSettings? RemoteCache { get; internal set; }

    public bool IsDryRun { get; internal set; }

    public IReadOnlyList<string> Profiles { get; internal set; } = [];

    /// <summary>The targets named on the command line (after name resolution).</summary>
    public IReadOnlyList<string> InvokedTargets { get; internal set; } = [];

    /// <summary>Every target this run executes: the plan without the skipped ones (their static conditions not yet asked).</summary>
    public IReadOnlyList<string> ScheduledTargets { get; internal set; } = [];

    /// <summary>The build and its modules: where a stage looks for the modules that extend it (an interface of its own).</summary>
    public IReadOnlyList<object> Modules { get; internal set; } = [];
}
