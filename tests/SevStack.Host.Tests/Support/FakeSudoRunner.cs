using SevStack.Engine.Processes;

namespace SevStack.Host.Tests.Support;

/// <summary>Runs commands for real, except that sudo is a stand-in that refuses like sudo without a cached password.</summary>
sealed class FakeSudoRunner(ICommandRunner inner, string fakeSudoPath) : ICommandRunner
{
    public bool IsDryRun => inner.IsDryRun;

    public Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default) =>
        inner.RunAsync(spec.Program == "sudo" ? spec with { Program = fakeSudoPath } : spec, cancellationToken);
}
