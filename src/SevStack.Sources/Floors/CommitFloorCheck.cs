using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Sources.Git;
using SevStack.Sources.Identity;

namespace SevStack.Sources.Floors;

/// <summary>
/// Refuses a fetched source that does not contain a <see cref="CommitFloor"/>: git sources by ancestry (their history
/// since shortly before the floor is fetched, commits only), a <c>dir:</c> git work tree by its own history,
/// apt and tarball sources by their edk2 version, anything else as undecidable.
/// </summary>
public sealed class CommitFloorCheck(ICommandRunner runner, IBuildLog log)
{
    /// <summary>How far before the floor's date the history is fetched, for commits whose dates are slightly out of order.</summary>
    static readonly TimeSpan HistoryMargin = TimeSpan.FromDays(30);

    /// <param name="layout">The layout the source was fetched with: git history is kept beside its mirrors.</param>
    public async Task RequireAsync(CommitFloor floor, FetchedSource source, SourceLayout layout, CancellationToken cancellationToken = default)
    {
        var identity = source.Identity;
        var contains = identity.Kind switch
        {
            "git" => await GitContainsAsync(floor, identity, layout.CacheDirectory, cancellationToken),
            "dir" when GitSha.IsFull(identity.Resolved) => await WorkTreeContainsAsync(floor, source.Path, cancellationToken),
            "apt" => identity.Version is { } version ? floor.FirstRelease.Contains(version) : null,
            "tarball" => floor.FirstRelease.Contains(Path.GetFileName(new Uri(identity.Url).AbsolutePath)),
            _ => null,
        };
        var what = identity.Kind == "apt" ? $"{identity.Url} {identity.Version}" : $"{identity.Url} at {Shorten(identity.Resolved)}";
        if (contains == false)
            throw new BuildException($"{floor.Component} source {what} does not contain edk2 {floor.Describe()}, which SEV guests need; use {floor.FirstRelease.Name} or later (a git tag or commit that contains {floor.ShortCommit}).");
        if (contains is null && !(runner.IsDryRun && identity.Kind == "git"))
            throw new BuildException($"cannot tell whether {floor.Component} source {what} contains edk2 {floor.Describe()}; use a git source, or an apt or tarball source whose version names the edk2 release.");
        if (contains == true)
            log.Info($"{floor.Component}: {what} contains edk2 commit {floor.ShortCommit}");
    }

    async Task<bool?> GitContainsAsync(CommitFloor floor, SourceIdentity identity, string cacheDirectory, CancellationToken cancellationToken)
    {
        if (identity.Resolved == floor.Commit)
            return true;
        if (identity.SourceDate is { } date && date < floor.CommitDate)
            return false;
        return await new GitHistory(runner, log, cacheDirectory, identity.Url)
            .ContainsAsync(identity.Resolved, floor.Commit, floor.CommitDate - HistoryMargin, cancellationToken);
    }

    async Task<bool?> WorkTreeContainsAsync(CommitFloor floor, string workTree, CancellationToken cancellationToken)
    {
        var check = await runner.RunAsync(GitCommands.InWorkTree(workTree, "merge-base", "--is-ancestor", floor.Commit, "HEAD") with { IsQuery = true, AllowFailure = true }, cancellationToken);
        return check.ExitCode switch
        {
            0 => true,
            1 => false,
            _ => throw new BuildException($"{workTree} has no commit {floor.ShortCommit} in its history (a shallow clone?); run 'git -C {workTree} fetch --unshallow' so that its edk2 version can be checked."),
        };
    }

    static string Shorten(string resolved) => resolved.Length >= 40 && resolved.All(Uri.IsHexDigit) ? resolved[..12] : resolved;
}
