using System.Diagnostics;
using SevStack.Engine.Caching;
using SevStack.Engine.Execution;
using SevStack.Engine.Output;
using SevStack.Engine.Planning;
using SevStack.Engine.Targets;
using SevStack.Engine.Tracing;
using Spectre.Console;

namespace SevStack.Engine.Hosting;

/// <summary>
/// Runs a plan with the console around it: status line, errors recap, summary table, final line.
/// Kept apart from <see cref="BuildHost"/> so --help and --plan never load the console library.
/// </summary>
internal sealed record PlanRun(ExecutionPlan Plan, ExecutionOptions Options, IExecutionStrategy Strategy, string LogsDirectory,
    Verbosity Verbosity, IReadOnlyList<string> Secrets, bool Color, TimeSpan StatusInterval)
{
    /// <summary>After the run, say for each cacheable target whether it was a hit or why it was rebuilt.</summary>
    public bool Explain { get; init; }

    /// <summary>Where the run's trace (Chrome trace event format) is written; none when null.</summary>
    public string? TracePath { get; init; }

    public async Task<(bool Succeeded, bool Interrupted)> ExecuteAsync(HostEnvironment environment, CancellationToken interrupt)
    {
        var console = TextRendering.CreateConsole(environment.Out, Color, environment.IsTerminal, environment.IsTerminal ? null : 10_000);
        var gitHubActions = environment.Variables.GetValueOrDefault("GITHUB_ACTIONS") == "true";
        var clock = Stopwatch.StartNew();
        IReadOnlyList<string> problems;
        var trace = new RunTrace(Secrets);
        using (var reporter = new ConsoleReporter(console, LogsDirectory, Verbosity, gitHubActions, Secrets))
        {
            reporter.StartStatusLine(environment.IsTerminal, environment.IsTerminal ? TimeSpan.FromSeconds(1) : StatusInterval);
            await new BuildExecutor(new TracingExecutionStrategy(Strategy, trace), new TracingObserver(reporter, trace), Options).RunAsync(Plan, interrupt).ConfigureAwait(false);
            problems = reporter.Problems;
        }
        clock.Stop();
        if (TracePath is not null)
        {
            foreach (var target in Plan.Targets.Where(t => t.Status is TargetStatus.Skipped or TargetStatus.NotRun or TargetStatus.Scheduled))
                trace.NotRun(target.Name, [new("status", target.Status.ToString()), new("reason", target.Reason)]);
            trace.Write(TracePath);
        }

        if (Explain && Options.Cache is { } cache)
            console.Write(new Text(ExplainText.Render(cache.Outcomes)));

        var interrupted = interrupt.IsCancellationRequested;
        var succeeded = !interrupted && Plan.Targets.All(t => t.Status is not (TargetStatus.Failed or TargetStatus.Aborted));
        WriteOutcome(console, problems, clock.Elapsed, succeeded, interrupted, environment.IsTerminal ? console.Profile.Width : UnknownTerminalWidth);
        return (succeeded, interrupted);
    }

    /// <summary>The summary's width when the output is a file or a pipe (the other output is not wrapped there).</summary>
    const int UnknownTerminalWidth = 80;

    void WriteOutcome(IAnsiConsole console, IReadOnlyList<string> problems, TimeSpan total, bool succeeded, bool interrupted, int summaryWidth)
    {
        if (problems.Count > 0)
        {
            console.WriteLine();
            console.Write(new Text("Errors and warnings:" + Environment.NewLine, new Style(decoration: Decoration.Bold)));
            foreach (var problem in problems)
                console.Write(new Text("  " + problem.Replace("\n", "\n  ", StringComparison.Ordinal) + Environment.NewLine,
                    new Style(problem.Contains(": warning: ", StringComparison.Ordinal) ? Spectre.Console.Color.Yellow : Spectre.Console.Color.Red)));
        }
        if (Verbosity > Verbosity.Quiet)
        {
            var width = console.Profile.Width;
            console.Profile.Width = summaryWidth;
            console.Write(SummaryTable.Build(Plan.Targets, total));
            console.Profile.Width = width;
        }
        console.Write(new Text(SummaryTable.FinalLine(succeeded, interrupted, total, Plan.Targets.Any(t => t.Status == TargetStatus.Planned)) + Environment.NewLine,
            new Style(succeeded ? Spectre.Console.Color.Green : Spectre.Console.Color.Red)));
    }
}
