namespace SevStack.Engine.Output;

/// <summary>
/// On a terminal, during a long step, shows the elapsed time and the latest line of tool output instead of a silent
/// wait: one line, rewritten in place and cleared to its end, no wider than the terminal. Never used when the output
/// is not a terminal (a log file or CI would get a new line each time).
/// </summary>
internal sealed class StatusLine : IDisposable
{
    /// <summary>Carriage return, then "erase to end of line": the previous text never shows through a shorter one.</summary>
    internal const string Rewrite = "\r\u001b[K";

    readonly ConsoleReporter reporter;
    readonly TextWriter terminal;
    readonly int width;
    readonly Timer timer;
    bool shown;

    public StatusLine(ConsoleReporter reporter, TextWriter terminal, int width, TimeSpan interval)
    {
        this.reporter = reporter;
        this.terminal = terminal;
        this.width = Math.Max(20, width - 1);
        timer = new Timer(_ => Tick(), null, interval, interval);
    }

    void Tick()
    {
        var running = reporter.Running();
        if (running.Count == 0)
            return;
        reporter.WriteStatus(Render(running.Select(r => $"[{r.Target} {r.Elapsed:m\\:ss}] {r.Latest}"), width));
    }

    /// <summary>The status text on one line: control characters of tool output dropped, cut to the width.</summary>
    internal static string Render(IEnumerable<string> parts, int width)
    {
        var text = new string(string.Join("  ", parts).Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return text.Length > width ? text[..width] : text;
    }

    /// <summary>Called under the reporter's lock.</summary>
    public void Show(string text)
    {
        terminal.Write(Rewrite + text);
        terminal.Flush();
        shown = true;
    }

    /// <summary>Called under the reporter's lock before any other console line.</summary>
    public void Clear()
    {
        if (!shown)
            return;
        terminal.Write(Rewrite);
        terminal.Flush();
        shown = false;
    }

    public void Dispose()
    {
        timer.Dispose();
        Clear();
    }
}
