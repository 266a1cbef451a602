using SevStack.Engine.Execution;

namespace SevStack.Engine.Hosting;

/// <summary>How a build program is hosted: its defaults, and seams for tests.</summary>
public sealed record HostSettings
{
    public string? DefaultTarget { get; init; }

    /// <summary>Profiles loaded when no --profile is given.</summary>
    public IReadOnlyList<string> DefaultProfiles { get; init; } = [];

    public string Usage { get; init; } = "Usage: ./build.sh [targets...] [--options] [--<parameter> <value>...]";

    /// <summary>Replaces the real/dry-run strategy (tests).</summary>
    public IExecutionStrategy? Strategy { get; init; }

    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(30);
}
