using SevStack.Toolkit.Processes;

namespace SevStack.Sources.Tests;

/// <summary>
/// Records every command; <paramref name="script"/> may answer a command itself (return a result, or throw),
/// otherwise it runs for real.
/// </summary>
internal sealed class ScriptedRunner(Func<CommandSpec, CommandResult?> script, IBuildLog? log = null) : ICommandRunner
{
    readonly ICommandRunner real = TestTools.Runner(log);
    readonly List<CommandSpec> commands = [];

    public bool IsDryRun => false;

    public IReadOnlyList<CommandSpec> Commands { get { lock (commands) return [.. commands]; } }

    public Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default)
    {
        lock (commands) commands.Add(spec);
        return script(spec) is { } answer ? Task.FromResult(answer) : real.RunAsync(spec, cancellationToken);
    }

    public static CommandResult Ok(string output = "") => new(0, output, "", TimeSpan.Zero);

    public static bool Is(CommandSpec spec, string program, string argument) => spec.Program == program && spec.Arguments.Contains(argument);
}
