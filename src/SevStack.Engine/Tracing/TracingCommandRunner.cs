using SevStack.Toolkit.Processes;

namespace SevStack.Engine.Tracing;

/// <summary>Runs commands through <paramref name="inner"/> and puts each on the trace with its arguments and outcome.</summary>
public sealed class TracingCommandRunner(ICommandRunner inner, RunTrace trace, string target) : ICommandRunner
{
    public bool IsDryRun => inner.IsDryRun;

    public async Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default)
    {
        var start = trace.Now;
        var arguments = new List<KeyValuePair<string, object?>>
        {
            new("command", spec.Describe()),
            new("argv", spec.Arguments.Prepend(spec.Program).ToList()),
        };
        if (spec.WorkingDirectory is { } folder)
            arguments.Add(new("cwd", folder));
        if (spec.NeedsRoot)
            arguments.Add(new("root", true));
        if (inner.IsDryRun && !spec.IsQuery)
            arguments.Add(new("dryRun", true));
        try
        {
            var result = await inner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
            arguments.Add(new("exitCode", result.ExitCode));
            return result;
        }
        catch (CommandFailedException e)
        {
            arguments.Add(new("exitCode", e.ExitCode));
            throw;
        }
        catch (Exception e)
        {
            arguments.Add(new("error", Execution.FailureText.FirstLine(e.Message)));
            throw;
        }
        finally
        {
            trace.Command(target, Path.GetFileName(spec.Program), start, arguments);
        }
    }
}
