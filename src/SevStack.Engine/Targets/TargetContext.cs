using SevStack.Engine.Files;
using SevStack.Engine.Processes;

namespace SevStack.Engine.Targets;

/// <summary>What a running target gets: its own log, the command runner and file writer of the current strategy.</summary>
public sealed class TargetContext(string name, IBuildLog log, ICommandRunner runner, IFileWriter files, CancellationToken cancellationToken)
{
    public string Name { get; } = name;
    public IBuildLog Log { get; } = log;
    public ICommandRunner Runner { get; } = runner;
    public IFileWriter Files { get; } = files;
    public CancellationToken CancellationToken { get; } = cancellationToken;
    public bool IsDryRun => Runner.IsDryRun;

    /// <summary>Text for the note column of the summary table.</summary>
    public string? Note { get; set; }

    /// <summary>Set by a target that restored its outputs from the cache instead of doing the work.</summary>
    public bool WasCached { get; set; }

    /// <summary>The cache key of a cacheable target (null for the others, and with --no-cache).</summary>
    public string? CacheKey { get; set; }
}
