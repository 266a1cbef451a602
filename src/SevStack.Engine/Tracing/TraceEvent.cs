namespace SevStack.Engine.Tracing;

/// <summary>
/// One event of the Chrome trace event format, times in microseconds: a complete span ("X") on a lane, or an instant
/// ("i", no duration) such as a target that did not run.
/// </summary>
public sealed record TraceEvent(string Name, string Category, long Start, long Duration, int Lane, IReadOnlyList<KeyValuePair<string, object?>> Arguments)
{
    public bool IsInstant { get; init; }
}
