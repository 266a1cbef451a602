using SevStack.Toolkit.Processes;
using SevStack.Sources.Identity;

namespace SevStack.Sources.Git;

/// <summary>
/// Commit history (no trees or files) of a repository back to a date, in a bare repository beside the shallow
/// <see cref="GitMirror"/>, so that ancestry can be asked without fetching every file of every commit since then.
/// </summary>
internal sealed class GitHistory(ICommandRunner runner, IBuildLog log, string cacheDirectory, string url)
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetFullPath(cacheDirectory), "git", Engine.Caching.FileHashes.Sha256Text(url)[..16] + "-history");

    /// <summary>
    /// True when <paramref name="ancestor"/> is <paramref name="commit"/> or in its history since <paramref name="since"/>;
    /// null in a dry run that has not fetched that history yet.
    /// </summary>
    public async Task<bool?> ContainsAsync(string commit, string ancestor, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (!await HasCommitAsync(commit, cancellationToken))
        {
            if (runner.IsDryRun)
            {
                log.Info($"git: would fetch the history of {commit[..12]} since {since:yyyy-MM-dd} from {url} to look for {ancestor[..12]}");
                return null;
            }
            await CreateIfMissingAsync(cancellationToken);
            log.Info($"git: fetching the commits (no files) of {commit[..12]} since {since:yyyy-MM-dd} from {url}");
            var arguments = new List<string> { "fetch", "--quiet", "--no-tags", "--filter=tree:0", "--shallow-since=" + since.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss +0000", System.Globalization.CultureInfo.InvariantCulture) };
            if (url.StartsWith("file://", StringComparison.Ordinal))
                arguments.InsertRange(0, ["-c", "protocol.file.allow=always"]);
            arguments.AddRange([url, $"+{commit}:refs/sevstack/{commit}"]);
            await runner.RunAsync(GitCommands.InMirror(Path, [.. arguments]), cancellationToken);
        }
        // Exit 1: not an ancestor; 128: the ancestor is not in the history fetched (so not an ancestor since that date).
        var check = await runner.RunAsync(GitCommands.InMirror(Path, "merge-base", "--is-ancestor", ancestor, commit) with { IsQuery = true, AllowFailure = true }, cancellationToken);
        return check.ExitCode == 0;
    }

    async Task<bool> HasCommitAsync(string sha, CancellationToken cancellationToken) =>
        Directory.Exists(Path) && (await runner.RunAsync(GitCommands.InMirror(Path, "cat-file", "-e", sha + "^{commit}") with { IsQuery = true, AllowFailure = true }, cancellationToken)).Succeeded;

    async Task CreateIfMissingAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Path))
            await BareRepository.CreateAsync(runner, Path, _ => { }, cancellationToken);
    }
}
