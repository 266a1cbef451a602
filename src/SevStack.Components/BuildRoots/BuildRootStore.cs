using SevStack.Engine.Caching;
using SevStack.Toolkit.Processes;

namespace SevStack.Components.BuildRoots;

/// <summary>
/// Keeps build roots under <c>&lt;cache&gt;/build-roots/&lt;suite&gt;-&lt;hash&gt;</c>: made once per recipe
/// (<see cref="BuildRootRecipe.Key"/>) and reused by later runs. A root is made in a sibling <c>.incoming</c> folder and
/// moved into place only when complete (stamped), so an interrupted debootstrap is never taken for a root. Only the
/// root's own files are written: its apt sources inside it, nothing in this machine's /etc/apt.
/// </summary>
public sealed class BuildRootStore(ICommandRunner runner, IBuildLog log, string cacheDirectory)
{
    public string Folder => Path.Combine(Path.GetFullPath(cacheDirectory), "build-roots");

    public BuildRoot For(BuildRootRecipe recipe) => new(Path.Combine(Folder, recipe.Key), recipe);

    /// <summary>The root of <paramref name="recipe"/>, made now when the cache has none; a dry run only prints the steps.</summary>
    public async Task<BuildRootOutcome> EnsureAsync(BuildRootRecipe recipe, CancellationToken cancellationToken)
    {
        var root = For(recipe);
        if (root.IsMade)
            return new BuildRootOutcome(root, Made: false, TimeSpan.Zero);
        using var folderLock = runner.IsDryRun ? null
            : await FileLock.AcquireAsync(root.Directory + ".lock", $"the build root {root.Directory}", log, cancellationToken);
        if (root.IsMade)
            return new BuildRootOutcome(root, Made: false, TimeSpan.Zero);
        if (Directory.Exists(root.Directory))
        {
            log.Info($"build root: {root.Directory} has no stamp of {recipe.Identity}; making it again");
            await RemoveAsync(root.Directory, cancellationToken);
        }
        var incoming = new BuildRoot(root.Directory + ".incoming", recipe);
        if (Directory.Exists(incoming.Directory))
            await RemoveAsync(incoming.Directory, cancellationToken);
        var started = DateTime.UtcNow;
        await runner.RunAsync(new CommandSpec("debootstrap", [.. recipe.DebootstrapArguments(incoming.Directory)]) { NeedsRoot = true }, cancellationToken);
        await InstallFileAsync(recipe.SourcesText, incoming.Map(BuildRootRecipe.SourcesPath), cancellationToken);
        if (recipe.PreferencesText is { } preferences)
            await InstallFileAsync(preferences, incoming.Map(BuildRootRecipe.PreferencesPath), cancellationToken);
        // debootstrap's one-line sources.list names the suite without deb-src; the file above replaces it.
        await runner.RunAsync(new CommandSpec("rm", "-f", "--", incoming.Map("/etc/apt/sources.list")) { NeedsRoot = true }, cancellationToken);
        await new BuildRootRunner(runner, incoming, []).RunAsync(AptInRoot.Update, cancellationToken);
        await InstallFileAsync(recipe.Identity + "\n", incoming.StampPath, cancellationToken);
        await runner.RunAsync(new CommandSpec("mv", "-T", "--", incoming.Directory, root.Directory) { NeedsRoot = true }, cancellationToken);
        return new BuildRootOutcome(root, Made: true, DateTime.UtcNow - started);
    }

    /// <summary>Through rm with --one-file-system: nothing mounted inside a root (by hand) is crossed.</summary>
    Task RemoveAsync(string directory, CancellationToken cancellationToken) =>
        runner.RunAsync(new CommandSpec("rm", "-rf", "--one-file-system", "--", directory) { NeedsRoot = true }, cancellationToken);

    async Task InstallFileAsync(string content, string destination, CancellationToken cancellationToken)
    {
        var written = Path.Combine(Path.GetTempPath(), $"sevstack-build-root-{Environment.ProcessId}-{Guid.NewGuid():N}");
        if (!runner.IsDryRun)
            await File.WriteAllTextAsync(written, content, cancellationToken);
        try
        {
            await runner.RunAsync(new CommandSpec("install", "-D", "-m", "0644", written, destination) { NeedsRoot = true }, cancellationToken);
        }
        finally
        {
            File.Delete(written);
        }
    }
}

/// <summary>The root <see cref="BuildRootStore.EnsureAsync"/> found or made, and how long making it took.</summary>
public sealed record BuildRootOutcome(BuildRoot Root, bool Made, TimeSpan Duration);
