using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Sources.Floors;
using SevStack.Sources.Identity;
using SevStack.Sources.Locking;
using SevStack.Testing;
using static SevStack.Sources.Tests.TestTools;

namespace SevStack.Sources.Tests;

/// <summary>The OVMF commit floor: a source must contain a given commit (checked by ancestry, or by release version).</summary>
public sealed class CommitFloorTests : IDisposable
{
    readonly TempDirectory temp = new("sevstack-floor");
    readonly MemoryBuildLog log = new();
    string Upstream => temp.Combine("upstream");
    SourceLayout Layout => new(temp.Combine("cache"), temp.Combine("work"), temp.Combine("patches"));

    /// <summary>
    /// main: before (2020-01-01) → floor (2020-02-01) → after (2020-03-01); branch side forks at before and is dated
    /// 2020-04-01, later than the floor without containing it.
    /// </summary>
    async Task<(string Before, CommitFloor Floor, string After, string Side)> HistoryAsync()
    {
        await NewRepository(Upstream);
        const string history = """
            commit refs/heads/main
            mark :1
            committer Test <test@example.invalid> 1577836800 +0000
            data 7
            before
            M 100644 inline README
            data 4
            one

            commit refs/heads/main
            mark :2
            committer Test <test@example.invalid> 1580515200 +0000
            data 6
            floor
            M 100644 inline README
            data 4
            two

            commit refs/heads/main
            mark :3
            committer Test <test@example.invalid> 1583020800 +0000
            data 6
            after
            M 100644 inline README
            data 6
            three

            commit refs/heads/side
            mark :4
            committer Test <test@example.invalid> 1585699200 +0000
            data 5
            side
            from :1
            M 100644 inline SIDE
            data 5
            side

            """;
        await Runner().RunAsync(new CommandSpec("git", "fast-import", "--quiet") { WorkingDirectory = Upstream, StandardInput = history });
        var floorSha = await RunGit(Upstream, "rev-parse", "main~1");
        var floor = new CommitFloor("ovmf", floorSha, DateTimeOffset.FromUnixTimeSeconds(1580515200), "floor",
            new ReleaseFloor("edk2-stable202002", 202002, 20200201));
        return (await RunGit(Upstream, "rev-parse", "main~2"), floor, await RunGit(Upstream, "rev-parse", "main"), await RunGit(Upstream, "rev-parse", "side"));
    }

    async Task<FetchedSource> FetchAsync(string spec) =>
        await new SourceFetcher(Runner(log), log, new HttpClient()).FetchAsync("ovmf", spec, Layout, SourceLock.Load(temp.Combine(SourceLock.FileName)), new FetchOptions { UpdateLock = true });

    Task Check(CommitFloor floor, FetchedSource source, ICommandRunner? runner = null) =>
        new CommitFloorCheck(runner ?? Runner(log), log).RequireAsync(floor, source, Layout);

    [Fact]
    public async Task A_git_source_whose_history_has_the_floor_passes_although_its_mirror_is_shallow()
    {
        var (_, floor, after, _) = await HistoryAsync();
        var source = await FetchAsync($"git+{FileUrl(Upstream)}#{after}");

        await Check(floor, source);

        Assert.Contains(log.Lines, l => l.Contains($"contains edk2 commit {floor.Commit[..12]}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_git_branch_dated_after_the_floor_but_forked_before_it_is_refused_in_one_line()
    {
        var (_, floor, _, side) = await HistoryAsync();
        var source = await FetchAsync($"git+{FileUrl(Upstream)}#side");

        var error = await Assert.ThrowsAsync<BuildException>(() => Check(floor, source));

        Assert.Equal($"ovmf source {FileUrl(Upstream)} at {side[..12]} does not contain edk2 commit {floor.Commit[..12]} (2020-02-01, first in edk2-stable202002), "
            + $"which SEV guests need; use edk2-stable202002 or later (a git tag or commit that contains {floor.Commit[..12]}).", error.Message);
    }

    [Fact]
    public async Task A_git_commit_older_than_the_floor_is_refused_without_fetching_history()
    {
        var (before, floor, _, _) = await HistoryAsync();
        var source = await FetchAsync($"git+{FileUrl(Upstream)}#{before}");

        var error = await Assert.ThrowsAsync<BuildException>(() => Check(floor, source));

        Assert.Contains($"at {before[..12]} does not contain edk2 commit {floor.Commit[..12]}", error.Message);
        Assert.Empty(Directory.GetDirectories(Path.Combine(Layout.CacheDirectory, "git"), "*-history"));
    }

    [Fact]
    public async Task A_dry_run_without_the_history_passes_and_says_what_the_real_run_fetches()
    {
        var (_, floor, after, _) = await HistoryAsync();
        var source = await FetchAsync($"git+{FileUrl(Upstream)}#{after}");

        await Check(floor, source, new DryRunCommandRunner(log, Privilege.Detect(), Runner(log)));

        Assert.Contains(log.Lines, l => l.Contains($"would fetch the history of {after[..12]}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dir_source_is_judged_by_its_own_git_history()
    {
        var (_, floor, _, _) = await HistoryAsync();
        await RunGit(Upstream, "checkout", "--quiet", "side");

        var error = await Assert.ThrowsAsync<BuildException>(async () => await Check(floor, await FetchAsync($"dir:{Upstream}")));
        await RunGit(Upstream, "checkout", "--quiet", "main");
        await Check(floor, await FetchAsync($"dir:{Upstream}"));

        Assert.StartsWith($"ovmf source {Upstream} at ", error.Message);
    }

    [Theory]
    [InlineData("2022.11-6+deb12u2", true)]
    [InlineData("2018.08-1", true)]
    [InlineData("1:2018.05-1", false)]
    [InlineData("0~20181115.85588389-3", true)]
    [InlineData("0~20180706.01234567-1", false)]
    [InlineData("0~20180205.c0d9813c-2", false)]
    [InlineData("edk2-stable201808.tar.gz", true)]
    [InlineData("edk2-edk2-stable201803.tar.gz", false)]
    [InlineData("edk2-master.tar.gz", null)]
    public void Apt_and_tarball_versions_are_judged_by_the_first_release_with_the_floor(string version, bool? contains) =>
        Assert.Equal(contains, CommitFloor.Edk2.FirstRelease.Contains(version));

    [Fact]
    public async Task An_apt_source_with_an_unreadable_version_is_refused_rather_than_passed()
    {
        var source = new FetchedSource(temp.Path, new SourceIdentity("apt", "edk2", new string('a', 64), "20250101-1", [], null));

        var error = await Assert.ThrowsAsync<BuildException>(() => Check(CommitFloor.Edk2, source));

        Assert.Equal("cannot tell whether ovmf source edk2 20250101-1 contains edk2 commit 75b7aa9528bd (2018-07-06, first in edk2-stable201808); "
            + "use a git source, or an apt or tarball source whose version names the edk2 release.", error.Message);
        await Check(CommitFloor.Edk2, source with { Identity = source.Identity with { Version = "2022.11-6+deb12u2" } });
    }

    public void Dispose() => temp.Dispose();
}
