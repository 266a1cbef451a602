using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using SevStack.Toolkit.Files;

namespace SevStack.Engine.Tracing;

/// <summary>
/// Where a run's time went, written as <c>artifacts/reports/trace.json</c> in the Chrome trace event format (Perfetto and
/// chrome://tracing open it): a span per target on a lane of its own while it runs, so parallel targets show side by side,
/// and a span per external command inside its target's; a target that did not run is an instant on lane 0 with the reason.
/// </summary>
public sealed class RunTrace(IReadOnlyList<string> secrets)
{
    readonly Stopwatch clock = Stopwatch.StartNew();
    readonly object gate = new();
    readonly List<TraceEvent> events = [];
    readonly Dictionary<string, (int Lane, long Start)> running = new(StringComparer.Ordinal);
    readonly SortedSet<int> freeLanes = [];
    int lanes;

    /// <summary>Microseconds since the run started.</summary>
    public long Now => clock.Elapsed.Ticks / TimeSpan.TicksPerMicrosecond;

    public IReadOnlyList<TraceEvent> Events { get { lock (gate) return [.. events]; } }

    /// <summary>A target starts: it takes the lowest free lane.</summary>
    public void Begin(string target)
    {
        lock (gate)
        {
            int lane;
            if (freeLanes.Count > 0)
            {
                lane = freeLanes.Min;
                freeLanes.Remove(lane);
            }
            else
                lane = ++lanes;
            running[target] = (lane, Now);
        }
    }

    /// <summary>A target that <see cref="Begin"/> started ends: its span is recorded and its lane freed.</summary>
    public void End(string target, IReadOnlyList<KeyValuePair<string, object?>> arguments)
    {
        lock (gate)
        {
            if (!running.Remove(target, out var started))
                return;
            events.Add(new TraceEvent(target, "target", started.Start, Now - started.Start, started.Lane, arguments));
            freeLanes.Add(started.Lane);
        }
    }

    /// <summary>A command of <paramref name="target"/> that ran from <paramref name="start"/> until now.</summary>
    public void Command(string target, string name, long start, IReadOnlyList<KeyValuePair<string, object?>> arguments)
    {
        lock (gate)
            events.Add(new TraceEvent(name, "command", start, Now - start, running.TryGetValue(target, out var t) ? t.Lane : 0, arguments));
    }

    /// <summary>A target that did not run (skipped, or not run after a failure), with its status and reason, once.</summary>
    public void NotRun(string target, IReadOnlyList<KeyValuePair<string, object?>> arguments)
    {
        lock (gate)
            if (!events.Any(e => e.Name == target && e.Category == "target"))
                events.Add(new TraceEvent(target, "target", Now, 0, NotRunLane, arguments) { IsInstant = true });
    }

    const int NotRunLane = 0;

    public void Write(string path) => AtomicFile.WriteAllBytes(path, ToJson());

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var pid = Environment.ProcessId;
            writer.WriteStartObject();
            writer.WriteString("displayTimeUnit", "ms");
            writer.WriteStartArray("traceEvents");
            WriteMetadata(writer, "process_name", pid, 0, "SevStack build");
            var spans = Events.OrderBy(e => e.Start).ThenByDescending(e => e.Duration).ToList();
            foreach (var lane in spans.Select(e => e.Lane).Distinct().Order())
                WriteMetadata(writer, "thread_name", pid, lane, lane == NotRunLane ? "not run" : $"lane {lane}");
            foreach (var span in spans)
            {
                writer.WriteStartObject();
                writer.WriteString("name", Mask(span.Name));
                writer.WriteString("cat", span.Category);
                writer.WriteString("ph", span.IsInstant ? "i" : "X");
                writer.WriteNumber("ts", span.Start);
                if (span.IsInstant)
                    writer.WriteString("s", "t");
                else
                    writer.WriteNumber("dur", span.Duration);
                writer.WriteNumber("pid", pid);
                writer.WriteNumber("tid", span.Lane);
                writer.WriteStartObject("args");
                foreach (var (name, value) in span.Arguments)
                    WriteValue(writer, name, value);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    static void WriteMetadata(Utf8JsonWriter writer, string kind, int pid, int lane, string name)
    {
        writer.WriteStartObject();
        writer.WriteString("name", kind);
        writer.WriteString("ph", "M");
        writer.WriteNumber("pid", pid);
        writer.WriteNumber("tid", lane);
        writer.WriteStartObject("args");
        writer.WriteString("name", name);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    void WriteValue(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNull(name); break;
            case bool b: writer.WriteBoolean(name, b); break;
            case int i: writer.WriteNumber(name, i); break;
            case IEnumerable<string> items:
                writer.WriteStartArray(name);
                foreach (var item in items)
                    writer.WriteStringValue(Mask(item));
                writer.WriteEndArray();
                break;
            default: writer.WriteString(name, Mask(value.ToString() ?? "")); break;
        }
    }

    /// <summary>Secret parameter values never reach the trace, as they never reach the logs.</summary>
    string Mask(string text) =>
        secrets.Aggregate(text, (current, secret) => current.Replace(secret, "****", StringComparison.Ordinal));
}
