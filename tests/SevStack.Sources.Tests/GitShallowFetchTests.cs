using System.Security.Cryptography;
using SevStack.Toolkit.Processes;
using SevStack.Sources.Git;
using SevStack.Testing;
using Xunit.Abstractions;
using static SevStack.Sources.Tests.TestTools;

namespace SevStack.Sources.Tests;

public class GitShallowFetchTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Pinned_fetch_over_git_daemon_transfers_far_less_than_the_full_history()
    {
        using var temp = new TempDirectory("sevstack-daemon");
        var upstream = await NewRepository(temp.Combine("served", "linux.git"));
        await ImportHistoryAsync(upstream, commits: 40);
        var tip = await RunGit(upstream, "rev-parse", "v6.11");
        await using var daemon = await GitDaemon.StartAsync(temp.Combine("served"));
        var url = daemon.Url("linux.git");
        var log = new MemoryBuildLog();

        var sha = await new LsRemoteRefResolver(Runner(log)).ResolveAsync(url, "v6.11");
        var mirror = new GitMirror(Runner(log), log, temp.Combine("cache"), url);
        await mirror.EnsureCommitAsync(sha, "v6.11", CancellationToken.None);
        var full = temp.Combine("full.git");
        await RunGit(temp.Path, "clone", "--quiet", "--bare", url, full);

        var shallowBytes = await RepositoryBytes(mirror.Path);
        var fullBytes = await RepositoryBytes(full);
        var shallowCommits = await RunGit(mirror.Path, "rev-list", "--all", "--count");
        var fullCommits = await RunGit(full, "rev-list", "--all", "--count");
        output.WriteLine($"pinned shallow fetch: {shallowCommits} commit, {shallowBytes} bytes of objects; full clone: {fullCommits} commits, {fullBytes} bytes");
        Assert.Equal(tip, sha);
        Assert.Equal("1", shallowCommits);
        Assert.Equal("40", fullCommits);
        Assert.True(shallowBytes * 5 < fullBytes, $"shallow {shallowBytes} bytes is not much smaller than full {fullBytes} bytes");

        // A second fetch of the same commit does not contact the server for objects.
        await mirror.EnsureCommitAsync(sha, "v6.11", CancellationToken.None);
        Assert.Contains(log.Lines, l => l.Contains("already in the mirror", StringComparison.Ordinal));
        Assert.Equal(shallowBytes, await RepositoryBytes(mirror.Path));
    }

    /// <summary>
    /// Writes <paramref name="commits"/> commits with one git fast-import: each replaces one of four 32 KiB files of
    /// random base64 text, so the history is roughly ten times the size of one snapshot. The last is tagged v6.11.
    /// </summary>
    static async Task ImportHistoryAsync(string repository, int commits)
    {
        var stream = new System.Text.StringBuilder();
        for (var i = 0; i < commits; i++)
        {
            var content = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24 * 1024)) + "\n";
            var message = $"commit {i}\n";
            stream.Append($"blob\nmark :{i + 1}\ndata {content.Length}\n{content}\n");
            stream.Append($"commit refs/heads/main\ncommitter Test <test@example.invalid> {1700000000 + i} +0000\ndata {message.Length}\n{message}");
            stream.Append($"M 100644 :{i + 1} blob{i % 4}.txt\n\n");
        }
        stream.Append("reset refs/tags/v6.11\nfrom refs/heads/main\n\n");
        await Runner().RunAsync(new CommandSpec("git", "fast-import", "--quiet") { WorkingDirectory = repository, StandardInput = stream.ToString() });
    }

    /// <summary>Loose plus packed object bytes, from <c>git count-objects -v</c> (sizes in KiB).</summary>
    static async Task<long> RepositoryBytes(string gitDir)
    {
        var lines = (await RunGit(gitDir, "count-objects", "-v")).Split('\n')
            .Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => long.Parse(p[1].Trim()));
        return (lines["size"] + lines["size-pack"]) * 1024;
    }
}
