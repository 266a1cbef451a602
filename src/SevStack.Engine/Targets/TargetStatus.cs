namespace SevStack.Engine.Targets;

public enum TargetStatus
{
    Scheduled,
    Running,
    Succeeded,
    Failed,
    Skipped,
    Cached,
    NotRun,
    Aborted,
    Collective,

    /// <summary>Its body ran in a dry run: its commands were printed, not run; later targets treat it as succeeded.</summary>
    Planned,
}
