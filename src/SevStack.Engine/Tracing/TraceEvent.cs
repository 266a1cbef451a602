namespace SevStack.Engine.Tracing;

/// <summary>One complete event ("ph": "X") of the Chrome trace event format: a span on a lane, times in microseconds.</summary>
public sealed record TraceEvent(string Name, string Category, long Start, long Duration, int Lane, IReadOnlyList<KeyValuePair<string, object?>> Arguments);
