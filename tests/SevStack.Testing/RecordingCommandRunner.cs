using SevStack.Toolkit.Processes;

namespace SevStack.Testing;

/// <summary>Records every command instead of running it; answers with the exit code and output given per command line.</summary>
public sealed class RecordingCommandRunner(bool isDryRun = false) : ICommandRunner
{
    readonly List<CommandSpec> commands = [];
    readonly Dictionary<string, CommandResult> answers = [];

    public bool IsDryRun => isDryRun;

    public IReadOnlyList<string> CommandLines => commands.Select(c => c.Describe()).ToList();

    public IReadOnlyList<CommandSpec> Commands => [.. commands];

    public RecordingCommandRunner Answer(string commandLine, int exitCode, string output = "")
    {
        answers[commandLine] = new CommandResult(exitCode, output, "", TimeSpan.Zero);
        return this;
    }

    public Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default)
    {
        commands.Add(spec);
        var result = answers.GetValueOrDefault(spec.Describe()) ?? new CommandResult(0, "", "", TimeSpan.Zero);
        if (!result.Succeeded && !spec.AllowFailure)
            throw new CommandFailedException(spec, result.ExitCode, [], null);
        return Task.FromResult(result);
    }
}
