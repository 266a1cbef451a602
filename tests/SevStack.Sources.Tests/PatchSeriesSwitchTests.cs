using SevStack.Engine.Caching;
using SevStack.Toolkit;
using static SevStack.Sources.Tests.SamplePatches;

namespace SevStack.Sources.Tests;

/// <summary>
/// A changed patch series on an extracted source is brought to the existing tree in place with the real <c>patch</c>:
/// the tree is not extracted again, and only what the changed patches touch is rewritten.
/// </summary>
public sealed class PatchSeriesSwitchTests : IDisposable
{
    const string ReadmeGerman = """
        --- a/README
        +++ b/README
        @@ -1,3 +1,3 @@
         one
        -two
        +zwei
         three

        """;

    const string NewFileAndReadme = """
        --- /dev/null
        +++ b/NEW
        @@ -0,0 +1 @@
        +created by a patch
        --- a/README
        +++ b/README
        @@ -1,3 +1,3 @@
         one
        -two
        +deux
         three

        """;

    static readonly DateTime Old = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    readonly GitFixture fixture = GitFixture.CreateAsync().GetAwaiter().GetResult();
    string archive = "";

    async Task<string> ArchiveAsync()
    {
        archive = fixture.Temp.Combine("qemu-7.2.tar.xz");
        await new TarballBuilder().File("qemu-7.2/Makefile", "all:\n\techo two\n").File("qemu-7.2/README", "one\ntwo\nthree\n").WriteAsync(archive);
        return $"file://{archive}#sha256={FileHashes.Sha256(archive)}";
    }

    void Series(params (string Name, string Content)[] patches)
    {
        fixture.Temp.WriteFile("patches/qemu/series", string.Concat(patches.Select(p => p.Name + "\n")));
        foreach (var (name, content) in patches)
            fixture.Temp.WriteFile($"patches/qemu/{name}", content);
    }

    string Tree => fixture.Layout.WorkTree("qemu");

    string Read(string file) => File.ReadAllText(Path.Combine(Tree, file));

    /// <summary>Dates every file of the tree back, and leaves a file no extraction makes: a re-extracted tree loses it.</summary>
    void MarkTree()
    {
        foreach (var file in Directory.GetFiles(Tree))
            File.SetLastWriteTimeUtc(file, Old);
        File.WriteAllText(Path.Combine(Tree, "build-marker"), "kept\n");
    }

    List<string> LogSince(int line) => [.. fixture.Log.Lines.Skip(line)];

    [Fact]
    public async Task Series_a_then_b_then_an_edited_patch_then_a_again_are_applied_in_place_touching_only_what_changed()
    {
        var spec = await ArchiveAsync();
        Series(("0001-sev.patch", AddSev), ("0002-readme.patch", ReadmeUpper));
        var a = await fixture.FetchAsync(spec);
        Assert.Equal("one\nTWO\nthree\n", Read("README"));
        MarkTree();

        // A -> B: 0001 is kept, 0002 reversed from its recorded copy, 0003 (which also creates a file) applied.
        Series(("0001-sev.patch", AddSev), ("0003-new.patch", NewFileAndReadme));
        File.Delete(fixture.Temp.Combine("patches/qemu/0002-readme.patch"));
        var line = fixture.Log.Lines.Count;
        var b = await fixture.FetchAsync(spec);
        Assert.Contains(LogSince(line), l => l.Contains("1 patches kept, 1 reversed, 1 applied", StringComparison.Ordinal));
        Assert.DoesNotContain(LogSince(line), l => l.Contains("replacing the previous source tree", StringComparison.Ordinal));
        Assert.Equal("one\ndeux\nthree\n", Read("README"));
        Assert.Equal("created by a patch\n", Read("NEW"));
        Assert.Equal("all:\n\techo two\n\techo sev\n", Read("Makefile"));
        Assert.Equal("kept\n", Read("build-marker"));
        Assert.Equal(Old, File.GetLastWriteTimeUtc(Path.Combine(Tree, "Makefile")));
        Assert.True(File.GetLastWriteTimeUtc(Path.Combine(Tree, "README")) > Old.AddYears(20), "a rewritten file gets a new mtime, so make and ninja rebuild it");
        Assert.Equal(["0001-sev.patch", "0003-new.patch"], b.Identity.Patches.Select(p => p.Name));
        Assert.NotEqual(a.Identity.Key(), b.Identity.Key());

        // A patch edited in place: the copy recorded when it was applied is what reverses it.
        Series(("0001-sev.patch", AddSev), ("0003-new.patch", NewFileAndReadme.Replace("created by a patch", "created by an edited patch", StringComparison.Ordinal)));
        await fixture.FetchAsync(spec);
        Assert.Equal("created by an edited patch\n", Read("NEW"));

        // Back to A: the file the patch created is gone again, and the identity is A's.
        Series(("0001-sev.patch", AddSev), ("0002-readme.patch", ReadmeUpper));
        File.Delete(fixture.Temp.Combine("patches/qemu/0003-new.patch"));
        line = fixture.Log.Lines.Count;
        var again = await fixture.FetchAsync(spec);
        Assert.Equal("one\nTWO\nthree\n", Read("README"));
        Assert.False(File.Exists(Path.Combine(Tree, "NEW")));
        Assert.Equal("kept\n", Read("build-marker"));
        Assert.Equal(a.Identity, again.Identity);
        Assert.Empty(Directory.GetFiles(Tree, "*.orig").Concat(Directory.GetFiles(Tree, "*.rej")));

        // And the same series once more touches nothing.
        line = fixture.Log.Lines.Count;
        await fixture.FetchAsync(spec);
        Assert.Contains(LogSince(line), l => l.Contains("already extracted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_patch_that_does_not_apply_leaves_the_tree_marked_invalid_and_the_next_fetch_extracts_it_again()
    {
        var spec = await ArchiveAsync();
        Series(("0001-sev.patch", AddSev), ("0002-readme.patch", ReadmeUpper));
        await fixture.FetchAsync(spec);
        MarkTree();

        Series(("0001-sev.patch", AddSev), ("0003-stale.patch", DoesNotApply));
        var line = fixture.Log.Lines.Count;
        var error = await Assert.ThrowsAsync<BuildException>(() => fixture.FetchAsync(spec));
        Assert.Contains("'0003-stale.patch'", error.Message);
        Assert.Contains(LogSince(line), l => l.Contains("patch: reversing 0002-readme.patch", StringComparison.Ordinal));
        // Half-switched (0002 reversed, 0003 refused): the stamp matches no series, not even the old one.
        Assert.StartsWith("invalid:", WorkTreeStamp.Read(Tree)!.Identity, StringComparison.Ordinal);
        Assert.Null(WorkTreeStamp.Read(Tree)!.AppliedPatches);
        await Assert.ThrowsAsync<BuildException>(() => fixture.FetchAsync(spec));

        Series(("0001-sev.patch", AddSev), ("0002-readme.patch", ReadmeUpper));
        line = fixture.Log.Lines.Count;
        await fixture.FetchAsync(spec);
        Assert.Contains(LogSince(line), l => l.Contains("replacing the previous source tree", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(Tree, "build-marker")));
        Assert.Equal("one\nTWO\nthree\n", Read("README"));
        Assert.Equal("all:\n\techo two\n\techo sev\n", Read("Makefile"));
    }

    [Fact]
    public async Task A_patch_that_no_longer_reverses_or_a_lost_copy_makes_the_fetch_extract_the_tree_again()
    {
        var spec = await ArchiveAsync();
        Series(("0001-sev.patch", AddSev), ("0002-readme.patch", ReadmeUpper));
        await fixture.FetchAsync(spec);
        File.WriteAllText(Path.Combine(Tree, "README"), "edited by hand\n");

        Series(("0001-sev.patch", AddSev), ("0002-readme.patch", ReadmeGerman));
        var line = fixture.Log.Lines.Count;
        await fixture.FetchAsync(spec);
        Assert.Contains(LogSince(line), l => l.Contains("does not reverse cleanly", StringComparison.Ordinal));
        Assert.Contains(LogSince(line), l => l.Contains("replacing the previous source tree", StringComparison.Ordinal));
        Assert.Equal("one\nzwei\nthree\n", Read("README"));

        Directory.Delete(fixture.Temp.Combine("work", ".qemu.applied"), recursive: true);
        Series(("0001-sev.patch", AddSev));
        File.Delete(fixture.Temp.Combine("patches/qemu/0002-readme.patch"));
        line = fixture.Log.Lines.Count;
        await fixture.FetchAsync(spec);
        Assert.Contains(LogSince(line), l => l.Contains("no intact copy of 0002-readme.patch", StringComparison.Ordinal));
        Assert.Equal("one\ntwo\nthree\n", Read("README"));
        Assert.Equal("all:\n\techo two\n\techo sev\n", Read("Makefile"));
    }

    public void Dispose() => fixture.Dispose();
}
