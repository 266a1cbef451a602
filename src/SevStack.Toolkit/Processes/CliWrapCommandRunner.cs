using System.Diagnostics;
using System.Text;
using CliWrap;

namespace SevStack.Toolkit.Processes;

/// <summary>Runs commands for real: logs the exact argv, streams output to the log, keeps a tail for errors.</summary>
public sealed class CliWrapCommandRunner(IBuildLog log, Privilege privilege) : ICommandRunner
{
    const int TailLines = 20;

    public bool IsDryRun => false;

    public async Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default)
    {
        var effective = privilege.Elevate(spec);
        log.Info($"$ {effective.Describe()}" + (spec.WorkingDirectory is null ? "" : $"   (in {spec.WorkingDirectory})"));

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var tail = new Queue<string>();
        void Collect(StringBuilder buffer, string line)
        {
            lock (tail)
            {
                buffer.AppendLine(line);
                tail.Enqueue(line);
                if (tail.Count > TailLines) tail.Dequeue();
            }
            log.Output(line);
        }

        var command = CliWrap.Cli.Wrap(effective.Program)
            .WithArguments(effective.Arguments)
            .WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(effective.Environment)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(l => Collect(stdout, l)))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(l => Collect(stderr, l)));
        if (effective.WorkingDirectory is not null)
            command = command.WithWorkingDirectory(effective.WorkingDirectory);
        if (effective.StandardInput is not null)
            command = command.WithStandardInputPipe(PipeSource.FromString(effective.StandardInput));

        var stopwatch = Stopwatch.StartNew();
        int exitCode;
        try
        {
            exitCode = (await command.ExecuteAsync(cancellationToken).ConfigureAwait(false)).ExitCode;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw NotStarted(effective.Program, e);
        }
        catch (InvalidOperationException e) when (e.InnerException is System.ComponentModel.Win32Exception)
        {
            throw NotStarted(effective.Program, e.InnerException);
        }

        var result = new CommandResult(exitCode, stdout.ToString(), stderr.ToString(), stopwatch.Elapsed);
        if (exitCode != 0 && !spec.AllowFailure)
            throw new CommandFailedException(effective, exitCode, [.. tail], log.FilePath);
        return result;
    }

    /// <summary>A program that is not there gets the line naming its package; one that is there, why it did not start.</summary>
    static ToolNotFoundException NotStarted(string program, Exception startFailure) =>
        new(program, ProgramPath.Find(program) is null ? null : startFailure.Message);
}
