using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Sources.Git;

/// <summary>
/// A linked work tree of a <see cref="GitMirror"/> (<c>git worktree add --detach</c>): no copy of the objects.
/// Re-runs reuse it; a tree from another URL is replaced when clean; local changes are never discarded
/// unless asked for.
/// </summary>
public sealed class GitWorkTree(ICommandRunner runner, IBuildLog log, GitMirror mirror, string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path).TrimEnd('/');

    /// <summary>Checks out exactly <paramref name="sha"/> with its submodules (shallow).</summary>
    public async Task CheckoutAsync(string sha, bool discardLocalChanges, CancellationToken cancellationToken)
    {
        await runner.RunAsync(GitCommands.InMirror(mirror.Path, "worktree", "prune"), cancellationToken);
        if (Directory.Exists(Path))
            await PrepareExistingAsync(discardLocalChanges, cancellationToken);

        if (!Directory.Exists(Path))
        {
            if (!runner.IsDryRun)
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            await runner.RunAsync(GitCommands.InMirror(mirror.Path, "worktree", "add", "--quiet", "--force", "--detach", Path, sha), cancellationToken);
        }
        else
        {
            await runner.RunAsync(GitCommands.InWorkTree(Path, "checkout", "--quiet", "--force", "--detach", sha), cancellationToken);
        }
        if (runner.IsDryRun)
            return;
        await UpdateSubmodulesAsync(cancellationToken);
    }

    /// <summary>The commit checked out now.</summary>
    public async Task<string> HeadAsync(CancellationToken cancellationToken) =>
        (await runner.RunAsync(GitCommands.InWorkTree(Path, "rev-parse", "HEAD") with { IsQuery = true }, cancellationToken)).StandardOutput.Trim();

    /// <summary>True when no tracked file (nor submodule) differs from HEAD; untracked build outputs do not count.</summary>
    public async Task<bool> IsCleanAsync(CancellationToken cancellationToken)
    {
        var status = await runner.RunAsync(GitCommands.InWorkTree(Path, "status", "--porcelain", "--untracked-files=no") with { IsQuery = true }, cancellationToken);
        return status.StandardOutput.Trim().Length == 0;
    }

    /// <summary>Commits the applied patches with fixed author, committer and date, so the commit SHA is reproducible.</summary>
    public async Task CommitAppliedPatchesAsync(string message, DateTimeOffset date, CancellationToken cancellationToken)
    {
        var stamp = $"@{date.ToUnixTimeSeconds()} +0000";
        var spec = GitCommands.InWorkTree(Path, "-c", "user.name=SevStack", "-c", "user.email=sevstack@localhost",
            "commit", "--quiet", "--no-verify", "--no-gpg-sign", "-m", message);
        var environment = new Dictionary<string, string?>(spec.Environment) { ["GIT_AUTHOR_DATE"] = stamp, ["GIT_COMMITTER_DATE"] = stamp };
        await runner.RunAsync(spec with { Environment = environment }, cancellationToken);
    }

    async Task PrepareExistingAsync(bool discardLocalChanges, CancellationToken cancellationToken)
    {
        var owner = OwningMirror();
        if (owner is null)
        {
            if (!Directory.EnumerateFileSystemEntries(Path).Any())
            {
                Directory.Delete(Path);
                return;
            }
            throw new BuildException($"{Path} exists but is not a work tree SevStack checked out; move it away or choose another work folder");
        }

        var clean = await IsCleanAsync(cancellationToken);
        if (!clean && !discardLocalChanges)
            throw new BuildException($"{Path} has uncommitted changes; commit or stash them (or use dir:{Path} to build it as it is, or --discard-local-changes)");

        if (owner == mirror.Path)
            return;

        // The work tree came from another URL: drop it (it is clean, or the caller asked to discard changes).
        log.Info($"git: {Path} was checked out from {GitMirror.UrlOf(owner) ?? owner}; replacing it with {mirror.Url}");
        Directory.Delete(Path, recursive: true);
        if (Directory.Exists(owner))
            await runner.RunAsync(GitCommands.InMirror(owner, "worktree", "prune"), cancellationToken);
    }

    /// <summary>The mirror this work tree's <c>.git</c> file points into, or null when it is not a linked work tree of one.</summary>
    string? OwningMirror()
    {
        var dotGit = System.IO.Path.Combine(Path, ".git");
        if (!File.Exists(dotGit))
            return null;
        var line = File.ReadAllText(dotGit).Trim();
        if (!line.StartsWith("gitdir: ", StringComparison.Ordinal))
            return null;
        var gitDir = line["gitdir: ".Length..];
        var worktrees = System.IO.Path.GetDirectoryName(gitDir);
        if (worktrees is null || System.IO.Path.GetFileName(worktrees) != "worktrees")
            return null;
        var owner = System.IO.Path.GetDirectoryName(worktrees)!;
        return GitMirror.UrlOf(owner) is null ? null : owner;
    }

    async Task UpdateSubmodulesAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(System.IO.Path.Combine(Path, ".gitmodules")))
            return;
        var arguments = new List<string>();
        if (mirror.Url.StartsWith("file://", StringComparison.Ordinal))
            arguments.AddRange(["-c", "protocol.file.allow=always"]);
        arguments.AddRange(["submodule", "update", "--init", "--recursive", "--depth", "1", "--force"]);
        log.Info($"git: fetching submodules of {Path} (depth 1)");
        await runner.RunAsync(GitCommands.InWorkTree(Path, [.. arguments]), cancellationToken);
    }
}
