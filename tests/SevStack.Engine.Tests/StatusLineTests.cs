using SevStack.Engine.Output;
using SevStack.Engine.Targets;
using SevStack.Testing;

namespace SevStack.Engine.Tests;

public sealed class StatusLineTests
{
    static async Task<string> RunWithStatusLine(bool terminal, int width, params string[] toolOutput)
    {
        using var logs = new TempDirectory("sevstack-status");
        using var writer = new StringWriter();
        var console = TextRendering.CreateConsole(writer, color: false, interactive: terminal, width);
        using (var reporter = new ConsoleReporter(console, logs.Path, Verbosity.Normal, gitHubActions: false, []))
        {
            reporter.StartStatusLine(terminal, TimeSpan.FromMilliseconds(10));
            var log = reporter.CreateLog(new ExecutableTarget("BuildKernel", 0));
            foreach (var line in toolOutput)
            {
                log.Output(line);
                for (var wait = 0; wait < 200 && !Contains(writer, line[..Math.Min(line.Length, 10)]) && terminal; wait++)
                    await Task.Delay(10);
                await Task.Delay(50);
            }
            log.Info("done");
        }
        return writer.ToString();
    }

    static bool Contains(StringWriter writer, string text)
    {
        lock (writer)
            return writer.ToString().Contains(text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_that_is_not_a_terminal_gets_no_status_line()
    {
        var output = await RunWithStatusLine(terminal: false, width: 80, "CC arch/x86/kvm/svm/sev.o", "LD vmlinux");

        Assert.DoesNotContain('\r', output);
        Assert.DoesNotContain("[BuildKernel", output);
        Assert.Equal("done\n", output.Replace(Environment.NewLine, "\n"));
    }

    [Fact]
    public async Task A_terminal_gets_one_line_rewritten_in_place_and_cleared_to_its_end()
    {
        var longLine = "CC " + new string('x', 200);
        var output = await RunWithStatusLine(terminal: true, width: 60, longLine, "LD vmlinux\tdone\u001b[31m");

        Assert.Matches(@"\r\u001b\[K\[BuildKernel \d:\d\d\] CC xxx", output);
        Assert.Matches(@"\r\u001b\[K\[BuildKernel \d:\d\d\] LD vmlinux done ", output);
        var statusTexts = output.Split("\r\u001b[K").Skip(1).Select(s => s.Split('\n')[0]).ToList();
        Assert.All(statusTexts, s => Assert.True(s.Length <= 59, $"status wider than the terminal: {s.Length}"));
        Assert.All(statusTexts, s => Assert.DoesNotContain('\u001b', s));
        // The target still runs after its last line, so a tick may redraw the status after "done" (the timer is 10 ms);
        // either way "done" is the last line and nothing of the status is left on the terminal.
        var segments = output.Replace(Environment.NewLine, "\n").Split("\r\u001b[K");
        Assert.Equal("done\n", segments.Last(s => s.EndsWith('\n')));
        Assert.True(segments[^1] is "" or "done\n", $"the terminal was left showing: {segments[^1]}");
    }
}
