using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Sources.Patches;
using SevStack.Testing;
using static SevStack.Sources.Tests.TestTools;
using static SevStack.Sources.Tests.SamplePatches;

namespace SevStack.Sources.Tests;

public sealed class PatchTests : IDisposable
{
    readonly TempDirectory temp = new("sevstack-patch");

    string PatchesDirectory => temp.Combine("patches");

    void WriteSeries(string component, string series, params (string Name, string Content)[] patches)
    {
        temp.WriteFile($"patches/{component}/series", series);
        foreach (var (name, content) in patches)
            temp.WriteFile($"patches/{component}/{name}", content);
    }

    [Fact]
    public void A_profile_series_takes_the_place_of_the_component_series_also_when_it_names_no_patch()
    {
        WriteSeries("kernel", "0001-sev.patch\n", ("0001-sev.patch", AddSev));
        WriteSeries("qemu", "0001-sev.patch\n", ("0001-sev.patch", AddSev));
        WriteSeries("snp/kernel", "# 6.12 needs none of 6.1's patches\n");
        WriteSeries("snp/qemu", "0002-readme.patch\n", ("0002-readme.patch", ReadmeUpper));

        Assert.Empty(PatchSeries.Load(PatchesDirectory, "kernel", "snp").Patches);
        Assert.Equal(temp.Combine("patches", "snp", "kernel", "series"), PatchSeries.Load(PatchesDirectory, "kernel", "snp").SeriesPath);
        Assert.Equal(["0002-readme.patch"], PatchSeries.Load(PatchesDirectory, "qemu", "snp").Patches.Select(p => p.Name));
        Assert.Equal(["0001-sev.patch"], PatchSeries.Load(PatchesDirectory, "kernel", "debian").Patches.Select(p => p.Name));
        Assert.Equal(["0001-sev.patch"], PatchSeries.Load(PatchesDirectory, "kernel", null).Patches.Select(p => p.Name));
    }

    [Fact]
    public void The_repository_s_snp_profile_does_not_apply_the_6_1_kernel_patch()
    {
        var patches = Path.Combine(SharedData.RepositoryRoot, "patches");

        Assert.NotEmpty(PatchSeries.Load(patches, "kernel", "debian").Patches);
        Assert.Empty(PatchSeries.Load(patches, "kernel", "snp").Patches);
    }

    [Fact]
    public void Series_reads_names_in_order_and_skips_comments()
    {
        WriteSeries("qemu", "# SEV fixes\n0002-readme.patch -p1\n\n0001-sev.patch # build flag\n", ("0001-sev.patch", AddSev), ("0002-readme.patch", ReadmeUpper));

        var series = PatchSeries.Load(PatchesDirectory, "qemu", profile: null);

        Assert.Equal(["0002-readme.patch", "0001-sev.patch"], series.Patches.Select(p => p.Name));
        Assert.Equal([2, 4], series.Patches.Select(p => p.SeriesLine));
        Assert.Empty(PatchSeries.Load(PatchesDirectory, "kernel", profile: null).Patches);
    }

    [Fact]
    public void Missing_patch_file_names_the_series_line()
    {
        WriteSeries("qemu", "0001-sev.patch\nmissing.patch\n", ("0001-sev.patch", AddSev));

        var error = Assert.Throws<BuildException>(() => PatchSeries.Load(PatchesDirectory, "qemu", profile: null));

        Assert.Contains("line 2", error.Message);
        Assert.Contains("missing.patch", error.Message);
    }

    [Fact]
    public void Reordering_or_editing_patches_changes_the_identity_but_line_endings_do_not()
    {
        WriteSeries("qemu", "a.patch\nb.patch\n", ("a.patch", AddSev), ("b.patch", ReadmeUpper));
        var original = PatchSeries.Load(PatchesDirectory, "qemu", profile: null).Identities;
        WriteSeries("qemu", "b.patch\na.patch\n");
        var reordered = PatchSeries.Load(PatchesDirectory, "qemu", profile: null).Identities;
        WriteSeries("qemu", "a.patch\nb.patch\n", ("a.patch", AddSev.Replace("\n", "\r\n", StringComparison.Ordinal)));
        var crlf = PatchSeries.Load(PatchesDirectory, "qemu", profile: null).Identities;
        WriteSeries("qemu", "a.patch\nb.patch\n", ("a.patch", AddSev + "\n"));
        var edited = PatchSeries.Load(PatchesDirectory, "qemu", profile: null).Identities;

        var baseIdentity = new Identity.SourceIdentity("tarball", "u", "r", null, original, null);
        Assert.NotEqual(baseIdentity.Key(), baseIdentity.WithPatches(reordered).Key());
        Assert.Equal(baseIdentity.Key(), baseIdentity.WithPatches(crlf).Key());
        Assert.NotEqual(baseIdentity.Key(), baseIdentity.WithPatches(edited).Key());
    }

    [Fact]
    public async Task A_series_applies_to_a_plain_tree_with_patch()
    {
        var tree = PlainTree();
        WriteSeries("qemu", "0001-sev.patch\n0002-readme.patch\n", ("0001-sev.patch", AddSev), ("0002-readme.patch", ReadmeUpper));

        await new PatchApplier(Runner(), new MemoryBuildLog()).ApplyAsync(PatchSeries.Load(PatchesDirectory, "qemu", profile: null), tree, isGitTree: false, CancellationToken.None);

        Assert.Equal("all:\n\techo two\n\techo sev\n", File.ReadAllText(Path.Combine(tree, "Makefile")));
        Assert.Equal("one\nTWO\nthree\n", File.ReadAllText(Path.Combine(tree, "README")));
    }

    [Fact]
    public async Task A_failing_patch_in_a_plain_tree_is_named_with_file_and_hunk_and_changes_nothing()
    {
        var tree = PlainTree();
        WriteSeries("qemu", "0001-sev.patch\n0002-stale.patch\n", ("0001-sev.patch", AddSev), ("0002-stale.patch", DoesNotApply));

        var error = await Assert.ThrowsAsync<BuildException>(() =>
            new PatchApplier(Runner(), new MemoryBuildLog()).ApplyAsync(PatchSeries.Load(PatchesDirectory, "qemu", profile: null), tree, isGitTree: false, CancellationToken.None));

        Assert.Contains("'0002-stale.patch'", error.Message);
        Assert.Contains("line 2", error.Message);
        Assert.Contains("README, hunk #1 at line 1 failed", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal("one\ntwo\nthree\n", File.ReadAllText(Path.Combine(tree, "README")));
        Assert.False(File.Exists(Path.Combine(tree, "README.rej")));
    }

    [Fact]
    public async Task A_failing_patch_in_a_git_tree_names_the_file_and_line()
    {
        var tree = PlainTree();
        await RunGit(tree, "init", "--quiet");
        await RunGit(tree, "add", "--all");
        await RunGit(tree, "commit", "--quiet", "-m", "base");
        WriteSeries("qemu", "0001-stale.patch\n", ("0001-stale.patch", DoesNotApply));

        var error = await Assert.ThrowsAsync<BuildException>(() =>
            new PatchApplier(Runner(), new MemoryBuildLog()).ApplyAsync(PatchSeries.Load(PatchesDirectory, "qemu", profile: null), tree, isGitTree: true, CancellationToken.None));

        Assert.Contains("'0001-stale.patch'", error.Message);
        Assert.Contains("README, hunk at line 1 failed", error.Message);
    }

    [Fact]
    public async Task Patches_on_a_git_source_are_committed_reproducibly_and_part_of_the_identity()
    {
        using var fixture = await GitFixture.CreateAsync();
        fixture.Temp.WriteFile("patches/qemu/series", "0001-sev.patch\n");
        fixture.Temp.WriteFile("patches/qemu/0001-sev.patch", AddSev);

        var fetched = await fixture.FetchAsync($"git+{fixture.UpstreamUrl}#v2");

        Assert.Equal("all:\n\techo two\n\techo sev\n", File.ReadAllText(Path.Combine(fetched.Path, "Makefile")));
        Assert.Equal("0001-sev.patch", Assert.Single(fetched.Identity.Patches).Name);
        var head = await RunGit(fetched.Path, "rev-parse", "HEAD");
        Assert.Equal(fixture.V2, await RunGit(fetched.Path, "rev-parse", "HEAD~1"));
        Assert.Equal("", await RunGit(fetched.Path, "status", "--porcelain", "--untracked-files=no"));

        // Same patches again: nothing to do. A fresh work tree gives the very same patched commit.
        await fixture.FetchAsync($"git+{fixture.UpstreamUrl}#v2");
        Assert.Contains(fixture.Log.Lines, l => l.Contains("with 1 patches", StringComparison.Ordinal));
        Directory.Delete(fetched.Path, recursive: true);
        var again = await fixture.FetchAsync($"git+{fixture.UpstreamUrl}#v2");
        Assert.Equal(head, await RunGit(again.Path, "rev-parse", "HEAD"));
    }

    string PlainTree()
    {
        temp.WriteFile("tree/Makefile", "all:\n\techo two\n");
        temp.WriteFile("tree/README", "one\ntwo\nthree\n");
        return temp.Combine("tree");
    }

    public void Dispose() => temp.Dispose();
}
