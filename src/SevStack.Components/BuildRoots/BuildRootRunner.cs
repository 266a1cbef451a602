using SevStack.Toolkit.Processes;

namespace SevStack.Components.BuildRoots;

/// <summary>
/// Runs every command inside a build root (<see cref="BubblewrapArguments"/>) through <paramref name="inner"/>, which
/// logs the whole bwrap line, or only prints it in a dry run. A query in a dry run whose root is not made yet (the
/// dry run made nothing) is printed too and answers empty, as the real run would make the root first.
/// </summary>
public sealed class BuildRootRunner(ICommandRunner inner, BuildRoot root, IReadOnlyList<string> sharedDirectories) : ICommandRunner
{
    readonly IReadOnlyList<string> shared = SharedFolders.Outermost(sharedDirectories);

    public bool IsDryRun => inner.IsDryRun;

    public BuildRoot Root => root;

    public Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default)
    {
        var wrapped = BubblewrapArguments.Wrap(spec, root.Directory, shared);
        if (inner.IsDryRun && spec.IsQuery && !root.IsMade)
            return inner.RunAsync(wrapped with { IsQuery = false }, cancellationToken);
        // bwrap binds only folders that exist; one made later from inside would land in the root instead.
        if (!inner.IsDryRun)
            foreach (var folder in shared)
                Directory.CreateDirectory(folder);
        return inner.RunAsync(wrapped, cancellationToken);
    }
}
