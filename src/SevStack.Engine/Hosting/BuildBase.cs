namespace SevStack.Engine.Hosting;

/// <summary>The base of a build class: targets are its <c>Target</c> properties, parameters its <c>[Parameter]</c> members.</summary>
public abstract class BuildBase
{
    readonly object standardOutputGate = new();

    /// <summary>The repository root: the folder holding <c>.nuke/</c>.</summary>
    public string RootDirectory { get; internal set; } = "";

    public string ArtifactsDirectory => Path.Combine(RootDirectory, "artifacts");

    public bool IsDryRun { get; internal set; }

    /// <summary>The output cache folder (<c>--cache-dir</c>); component builds may keep ccache under it.</summary>
    public string CacheDirectory { get; internal set; } = "";

    public IReadOnlyList<string> Profiles { get; internal set; } = [];

    /// <summary>The targets named on the command line (after name resolution).</summary>
    public IReadOnlyList<string> InvokedTargets { get; internal set; } = [];

    /// <summary>Every target of this run's plan, in order: the invoked ones and their dependencies.</summary>
    public IReadOnlyList<string> PlannedTargets { get; internal set; } = [];

    public bool IsPlanned(string target) => PlannedTargets.Contains(target, StringComparer.Ordinal);

    /// <summary>
    /// True (after the parameters are set) when standard output is to carry only what targets write with
    /// <see cref="WriteStandardOutput"/>, such as a JSON report a program reads: banners, logs, the summary and the final
    /// line then go to standard error.
    /// </summary>
    public virtual bool StandardOutputIsData => false;

    internal TextWriter StandardOutput { get; set; } = TextWriter.Null;

    /// <summary>Writes data to standard output, whole, ending with a newline; only meant for a run whose <see cref="StandardOutputIsData"/> is true.</summary>
    protected void WriteStandardOutput(string text)
    {
        lock (standardOutputGate)
        {
            StandardOutput.Write(text.EndsWith('\n') ? text : text + "\n");
            StandardOutput.Flush();
        }
    }
}
