namespace SevStack.Engine.Output;

/// <summary>
/// During a long step, shows the elapsed time and the latest line of tool output instead of a silent wait:
/// rewritten in place on a terminal, a periodic line elsewhere (CI logs).
/// </summary>
internal sealed class StatusLine : IDisposable
{
    readonly ConsoleReporter reporter;
    readonly bool interactive;
    readonly Timer timer;
    bool shown;

    public StatusLine(ConsoleReporter reporter, bool interactive, TimeSpan interval)
    {
        this.reporter = reporter;
        this.interactive = interactive;
        timer = new Timer(_ => Tick(), null, interval, interval);
    }

    void Tick()
    {
        var running = reporter.Running();
        if (running.Count == 0)
            return;
        var width = Math.Max(40, (interactive ? Console.WindowWidth : 160) - 1);
        var text = string.Join("  ", running.Select(r => $"[{r.Target} {r.Elapsed:m\\:ss}] {r.Latest}"));
        reporter.WriteStatus(text.Length > width ? text[..width] : text.PadRight(interactive ? width : 0), interactive);
        shown = interactive;
    }

    /// <summary>Called under the reporter's lock before any other console line.</summary>
    public void Clear()
    {
        if (!shown)
            return;
        Console.Out.Write("\r\u001b[K");
        shown = false;
    }

    public void Dispose()
    {
        timer.Dispose();
        Clear();
    }
}
