namespace SevStack.Toolkit.Processes;

/// <summary>The one way targets and domain code run external programs.</summary>
public interface ICommandRunner
{
    /// <summary>Runs the command; throws <see cref="CommandFailedException"/> on a non-zero exit unless <see cref="CommandSpec.AllowFailure"/>.</summary>
    Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default);

    /// <summary>True when commands that change things are only printed.</summary>
    bool IsDryRun { get; }
}
