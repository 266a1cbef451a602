using SevStack.Toolkit.Processes;

namespace SevStack.Host.Tests.Support;

/// <summary>Runs commands for real, with sudo replaced by a stand-in script (one that refuses, or one that just runs the command).</summary>
sealed class FakeSudoRunner(ICommandRunner inner, Privilege privilege, string fakeSudoPath) : ICommandRunner
{
    public bool IsDryRun => inner.IsDryRun;

    public Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default)
    {
        var elevated = privilege.Elevate(spec);
        return inner.RunAsync(elevated.Program == "sudo" ? elevated with { Program = fakeSudoPath, NeedsRoot = false } : elevated, cancellationToken);
    }
}
