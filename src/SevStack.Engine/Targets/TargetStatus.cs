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
}
