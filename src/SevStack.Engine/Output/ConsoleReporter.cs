using System.Collections.Concurrent;
using System.Diagnostics;
using SevStack.Engine.Execution;
using SevStack.Toolkit.Processes;
using SevStack.Engine.Targets;
using Spectre.Console;

namespace SevStack.Engine.Output;

/// <summary>The console side of a run: banners, target messages, a live status line, the errors recap.</summary>
public sealed class ConsoleReporter(IAnsiConsole console, string logsDirectory, Verbosity verbosity, bool gitHubActions, IReadOnlyList<string> secrets) : IExecutionObserver, IDisposable
{
    readonly object gate = new();
    readonly ConcurrentDictionary<ExecutableTarget, (TargetLog Log, Stopwatch Clock)> running = new();
    readonly List<string> problems = [];
    StatusLine? statusLine;

    public IReadOnlyList<string> Problems { get { lock (gate) return [.. problems]; } }

    /// <summary>A live status line on a terminal; none when the output is not one.</summary>
    public void StartStatusLine(bool interactive, TimeSpan interval)
    {
        if (interactive)
            statusLine = new StatusLine(this, console.Profile.Out.Writer, console.Profile.Width, interval);
    }

    public IBuildLog CreateLog(ExecutableTarget target)
    {
        var log = new TargetLog(target.Name, Path.Combine(logsDirectory, target.Name + ".log"), this, secrets);
        running[target] = (log, Stopwatch.StartNew());
        return log;
    }

    public void TargetStarted(ExecutableTarget target)
    {
        if (verbosity == Verbosity.Quiet)
            return;
        lock (gate)
        {
            statusLine?.Clear();
            if (gitHubActions)
                console.WriteLine($"::group::{target.Name}");
            console.Write(new Text($"── {target.Name} {new string('─', Math.Max(3, 76 - target.Name.Length))}", new Style(decoration: Decoration.Bold)));
            console.WriteLine();
        }
    }

    public void TargetFinished(ExecutableTarget target, Exception? error)
    {
        if (running.TryRemove(target, out var entry))
            entry.Log.Dispose();
        lock (gate)
        {
            statusLine?.Clear();
            if (target.Status == TargetStatus.Failed && target.Error is not null)
            {
                var text = $"{target.Name} failed: {target.Error}";
                problems.Add(text);
                WriteLines(text, Color.Red);
                if (gitHubActions)
                    console.WriteLine($"::error title={target.Name} failed::{FailureText.FirstLine(target.Error)}");
                if (error is not null && !FailureText.IsExpected(error) && entry.Log is { FilePath: { } path })
                    File.AppendAllText(path, error.ToString() + Environment.NewLine);
            }
            else if (target.Status == TargetStatus.Skipped && verbosity >= Verbosity.Normal)
                WriteLines($"{target.Name} skipped ({target.Reason})", Color.Grey);
            if (gitHubActions && verbosity != Verbosity.Quiet)
                console.WriteLine("::endgroup::");
        }
    }

    internal void TargetInfo(string target, string message)
    {
        if (verbosity < Verbosity.Normal)
            return;
        lock (gate)
        {
            statusLine?.Clear();
            WriteLines(Prefix(target) + message, null);
        }
    }

    internal void TargetWarning(string target, string message)
    {
        lock (gate)
        {
            problems.Add($"{target}: warning: {message}");
            statusLine?.Clear();
            WriteLines($"{Prefix(target)}warning: {message}", Color.Yellow);
            if (gitHubActions)
                console.WriteLine($"::warning title={target}::{FailureText.FirstLine(message)}");
        }
    }

    internal void TargetOutput(string target, string line)
    {
        if (verbosity < Verbosity.Verbose)
            return;
        lock (gate)
        {
            statusLine?.Clear();
            WriteLines(Prefix(target) + "  " + line, Color.Grey);
        }
    }

    /// <summary>The running targets with their elapsed time and latest tool output, for the status line.</summary>
    internal IReadOnlyList<(string Target, TimeSpan Elapsed, string? Latest)> Running() =>
        running.Select(kv => (kv.Key.Name, kv.Value.Clock.Elapsed, kv.Value.Log.LatestOutput)).OrderBy(r => r.Name).ToList();

    internal void WriteStatus(string text)
    {
        lock (gate)
            statusLine?.Show(text);
    }

    string Prefix(string target) => running.Count > 1 ? $"[{target}] " : "";

    void WriteLines(string text, Color? color)
    {
        foreach (var line in text.Split('\n'))
        {
            console.Write(color is { } c ? new Text(line.TrimEnd('\r'), new Style(c)) : new Text(line.TrimEnd('\r')));
            console.WriteLine();
        }
    }

    public void Dispose() => statusLine?.Dispose();
}
