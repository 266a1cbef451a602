using SevStack.Toolkit;
using SevStack.Engine.Caching;
using SevStack.Toolkit.Processes;
using SevStack.Sources.Git;
using SevStack.Sources.Identity;

namespace SevStack.Sources.Local;

/// <summary>
/// Identifies a local folder used as it is: in a git work tree, HEAD plus the sha256 of <c>git diff HEAD</c>
/// (uncommitted changes to tracked files); otherwise a content hash of the whole folder.
/// </summary>
public sealed class DirectorySource(ICommandRunner runner)
{
    public async Task<SourceIdentity> IdentifyAsync(string path, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(path))
            throw new BuildException($"source folder {path} does not exist; check the dir: path");
        if (Path.Exists(Path.Combine(path, ".git")))
        {
            var head = await runner.RunAsync(GitCommands.InWorkTree(path, "rev-parse", "--verify", "HEAD") with { IsQuery = true, AllowFailure = true }, cancellationToken);
            if (head.Succeeded)
            {
                var diff = await runner.RunAsync(GitCommands.InWorkTree(path, "diff", "HEAD", "--binary", "--no-color", "--no-ext-diff") with { IsQuery = true }, cancellationToken);
                var date = await runner.RunAsync(GitCommands.InWorkTree(path, "log", "-1", "--format=%ct", "HEAD") with { IsQuery = true }, cancellationToken);
                var changes = diff.StandardOutput.Length == 0 ? "clean" : "diff-sha256:" + FileHashes.Sha256Text(diff.StandardOutput);
                return new SourceIdentity("dir", path, head.StandardOutput.Trim(), changes, [],
                    long.TryParse(date.StandardOutput.Trim(), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null);
            }
        }
        return new SourceIdentity("dir", path, "tree-sha256:" + TreeHash.Compute(path), null, [], null);
    }
}
