namespace SevStack.Toolkit.Processes;

/// <summary>The dry-run strategy: queries run for real, everything else is only printed.</summary>
public sealed class DryRunCommandRunner(IBuildLog log, Privilege privilege, ICommandRunner queries) : ICommandRunner
{
    public bool IsDryRun => true;

    public Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default)
    {
        if (spec.IsQuery)
            return queries.RunAsync(spec, cancellationToken);
        var marker = spec.NeedsRoot && !privilege.IsRoot ? "[sudo] " : spec.NeedsRoot ? "[root] " : "";
        var where = spec.WorkingDirectory is null ? "" : $"   (in {spec.WorkingDirectory})";
        log.Info($"would run: {marker}{spec.Describe()}{where}");
        return Task.FromResult(new CommandResult(0, "", "", TimeSpan.Zero) { Planned = true });
    }
}
