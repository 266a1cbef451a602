using SevStack.Toolkit.Processes;

namespace SevStack.Testing;

/// <summary>Answers commands from a script, keyed by program name; any other program is "not installed".</summary>
public sealed class ScriptedCommandRunner(IReadOnlyDictionary<string, Func<CommandSpec, CommandResult>> answers) : ICommandRunner
{
    readonly List<CommandSpec> calls = [];

    public bool IsDryRun => false;

    public IReadOnlyList<CommandSpec> Calls => calls;

    public Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default)
    {
        calls.Add(spec);
        if (!answers.TryGetValue(spec.Program, out var answer))
            throw new ToolNotFoundException(spec.Program, "No such file or directory");
        return Task.FromResult(answer(spec));
    }

    public static CommandResult Output(string stdout, int exitCode = 0, string stderr = "") =>
        new(exitCode, stdout, stderr, TimeSpan.Zero);
}
