using SevStack.Toolkit;
using SevStack.Engine.Caching;
using SevStack.Toolkit.Processes;
using SevStack.Sources.Identity;

namespace SevStack.Sources.Git;

/// <summary>
/// One bare, shallow mirror per repository URL under <c>&lt;cache&gt;/git/&lt;hash of URL&gt;</c>. Only the commits a build
/// asks for are fetched (<c>--depth 1</c>), each kept under <c>refs/sevstack/&lt;sha&gt;</c>, so a commit is fetched once.
/// </summary>
public sealed class GitMirror
{
    const string UrlFile = "sevstack-url";
    readonly ICommandRunner runner;
    readonly IBuildLog log;

    public GitMirror(ICommandRunner runner, IBuildLog log, string cacheDirectory, string url)
    {
        this.runner = runner;
        this.log = log;
        Url = url;
        Path = System.IO.Path.Combine(System.IO.Path.GetFullPath(cacheDirectory), "git", FileHashes.Sha256Text(url)[..16]);
    }

    public string Url { get; }

    /// <summary>The bare repository folder.</summary>
    public string Path { get; }

    /// <summary>The URL a mirror folder was created for, or null when it is not one of ours.</summary>
    public static string? UrlOf(string mirrorPath)
    {
        var file = System.IO.Path.Combine(mirrorPath, UrlFile);
        return File.Exists(file) ? File.ReadAllText(file).Trim() : null;
    }

    /// <summary>Makes sure the mirror holds <paramref name="sha"/>; fetches just that commit when it does not.</summary>
    /// <param name="refName">The tag or branch that resolved to <paramref name="sha"/>; fetched instead when the server refuses a fetch by SHA.</param>
    public async Task EnsureCommitAsync(string sha, string? refName, CancellationToken cancellationToken)
    {
        await CreateIfMissingAsync(cancellationToken);
        if (await HasCommitAsync(sha, cancellationToken))
        {
            log.Info($"git: {Url} {sha[..12]} is already in the mirror");
            return;
        }
        log.Info($"git: fetching {sha[..12]} of {Url} (depth 1)");
        var bySha = await runner.RunAsync(FetchSpec($"+{sha}:refs/sevstack/{sha}") with { AllowFailure = refName is not null }, cancellationToken);
        if (bySha.Succeeded && (runner.IsDryRun || await HasCommitAsync(sha, cancellationToken)))
            return;
        if (refName is null)
            throw new BuildException($"git: fetching {sha} from {Url} did not produce that commit");
        var source = refName.StartsWith("refs/", StringComparison.Ordinal) ? refName : await QualifyAsync(refName, cancellationToken);
        await runner.RunAsync(FetchSpec($"+{source}:refs/sevstack/{sha}"), cancellationToken);
        if (!runner.IsDryRun && !await HasCommitAsync(sha, cancellationToken))
            throw new BuildException($"git: {Url} '{refName}' no longer points at {sha}; it moved while fetching, run again");
    }

    public async Task<bool> HasCommitAsync(string sha, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Path))
            return false;
        var result = await runner.RunAsync(GitCommands.InMirror(Path, "cat-file", "-e", sha + "^{commit}") with { IsQuery = true, AllowFailure = true }, cancellationToken);
        return result.Succeeded;
    }

    /// <summary>The committer date of <paramref name="sha"/>.</summary>
    public async Task<DateTimeOffset?> CommitDateAsync(string sha, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(GitCommands.InMirror(Path, "log", "-1", "--format=%ct", sha) with { IsQuery = true, AllowFailure = true }, cancellationToken);
        return result.Succeeded && long.TryParse(result.StandardOutput.Trim(), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
    }

    async Task CreateIfMissingAsync(CancellationToken cancellationToken)
    {
        if (Directory.Exists(Path))
        {
            var recorded = UrlOf(Path);
            if (recorded != Url)
                throw new BuildException($"git mirror {Path} belongs to '{recorded}', not {Url}; delete that folder and run again");
            return;
        }
        if (runner.IsDryRun)
        {
            log.Info($"would create git mirror {Path} for {Url}");
            return;
        }
        await BareRepository.CreateAsync(runner, Path, temporary => File.WriteAllText(System.IO.Path.Combine(temporary, UrlFile), Url + "\n"), cancellationToken);
    }

    CommandSpec FetchSpec(string refspec)
    {
        var arguments = new List<string> { "fetch", "--depth", "1", "--no-tags", "--quiet" };
        if (Url.StartsWith("file://", StringComparison.Ordinal))
            arguments.InsertRange(0, ["-c", "protocol.file.allow=always"]);
        arguments.AddRange([Url, refspec]);
        return GitCommands.InMirror(Path, [.. arguments]);
    }

    async Task<string> QualifyAsync(string refName, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(GitCommands.Plain(Path, "ls-remote", Url, refName) with { IsQuery = true }, cancellationToken);
        var refs = LsRemoteRefResolver.ParseLsRemote(result.StandardOutput);
        return refs.ContainsKey($"refs/tags/{refName}") ? $"refs/tags/{refName}" : $"refs/heads/{refName}";
    }
}
