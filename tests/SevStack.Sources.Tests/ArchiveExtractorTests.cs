using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Sources.Archives;
using SevStack.Testing;

namespace SevStack.Sources.Tests;

public sealed class ArchiveExtractorTests : IDisposable
{
    readonly TempDirectory temp = new("sevstack-extract");
    readonly ArchiveExtractor extractor = new(new MemoryBuildLog());

    static TarballBuilder QemuLike() => new TarballBuilder()
        .Directory("qemu-9.1.0/")
        .File("qemu-9.1.0/configure", "#!/bin/sh\necho configured\n", (UnixFileMode)0b111_101_101)
        .File("qemu-9.1.0/VERSION", "9.1.0\n")
        .Symlink("qemu-9.1.0/docs/latest", "../VERSION")
        .HardLink("qemu-9.1.0/VERSION.copy", "qemu-9.1.0/VERSION");

    [Theory]
    [InlineData("qemu.tar")]
    [InlineData("qemu.tar.gz")]
    [InlineData("qemu.tar.xz")]
    [InlineData("qemu.tar.bz2")]
    [InlineData("qemu.tar.zst")]
    public async Task Extracts_every_supported_compression_and_strips_the_top_folder(string name)
    {
        var archive = await QemuLike().WriteAsync(temp.Combine(name));
        var destination = temp.Combine("src", "qemu");

        var extracted = extractor.Extract(archive, destination);

        Assert.Equal(3, extracted.Files);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), extracted.NewestEntry);
        Assert.Equal("9.1.0\n", File.ReadAllText(Path.Combine(destination, "VERSION")));
        Assert.Equal("9.1.0\n", File.ReadAllText(Path.Combine(destination, "VERSION.copy")));
        Assert.Equal("../VERSION", new FileInfo(Path.Combine(destination, "docs/latest")).LinkTarget);
        Assert.True((File.GetUnixFileMode(Path.Combine(destination, "configure")) & UnixFileMode.UserExecute) != 0);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000).UtcDateTime, File.GetLastWriteTimeUtc(Path.Combine(destination, "VERSION")));
        Assert.Single(Directory.GetFileSystemEntries(temp.Combine("src")));
    }

    [Theory]
    [InlineData("dot-dot", "../../escaped.txt")]
    [InlineData("inner-dot-dot", "qemu/../../escaped.txt")]
    [InlineData("absolute", "/tmp/escaped.txt")]
    public async Task Entries_outside_the_destination_are_refused(string name, string entry)
    {
        var archive = await new TarballBuilder().File("qemu/ok.txt", "ok").File(entry, "evil").WriteAsync(temp.Combine(name + ".tar.gz"));
        var destination = temp.Combine("out", "deeper", name);

        var error = Assert.Throws<BuildException>(() => extractor.Extract(archive, destination));

        Assert.Contains(entry, error.Message);
        AssertNothingWritten(destination);
    }

    [Theory]
    [InlineData("escaping symlink", "qemu/link", "../../../outside")]
    [InlineData("absolute symlink", "qemu/link", "/etc")]
    public async Task Symlinks_leading_outside_are_refused(string _, string link, string target)
    {
        var archive = await new TarballBuilder().File("qemu/ok.txt", "ok").Symlink(link, target).WriteAsync(temp.Combine("links.tar.xz"));
        var destination = temp.Combine("out", "links");

        var error = Assert.Throws<BuildException>(() => extractor.Extract(archive, destination));

        Assert.Contains(link, error.Message);
        AssertNothingWritten(destination);
    }

    [Fact]
    public async Task A_chain_of_symlinks_that_escapes_only_when_followed_is_refused()
    {
        // Each target looks harmless on its own; followed, "up" resolves to the destination's parent.
        var archive = await new TarballBuilder().Symlink("here", ".").Symlink("up", "here/..").WriteAsync(temp.Combine("chain.tar"));
        var destination = temp.Combine("out", "chain");

        var error = Assert.Throws<BuildException>(() => extractor.Extract(archive, destination, stripSingleTopFolder: false));

        Assert.Contains("'up'", error.Message);
        AssertNothingWritten(destination);
    }

    [Fact]
    public async Task Writing_through_a_symlink_is_refused()
    {
        var archive = await new TarballBuilder().Symlink("qemu/sub", ".").File("qemu/sub/x.txt", "through the link").WriteAsync(temp.Combine("through.tar"));

        var error = Assert.Throws<BuildException>(() => extractor.Extract(archive, temp.Combine("out", "through")));

        Assert.Contains("through the symlink", error.Message);
    }

    [Fact]
    public async Task A_hardlink_to_a_file_outside_is_refused()
    {
        var archive = await new TarballBuilder().File("qemu/ok.txt", "ok").HardLink("qemu/passwd", "../../etc/passwd").WriteAsync(temp.Combine("hard.tar"));
        var destination = temp.Combine("out", "hard");

        Assert.Throws<BuildException>(() => extractor.Extract(archive, destination));

        AssertNothingWritten(destination);
    }

    [Fact]
    public void A_file_that_is_not_an_archive_is_reported_as_damaged()
    {
        var archive = temp.WriteFile("broken.tar.xz", new string('x', 5000));

        var error = Assert.Throws<BuildException>(() => extractor.Extract(archive, temp.Combine("out", "broken")));

        Assert.Contains("damaged", error.Message);
        AssertNothingWritten(temp.Combine("out", "broken"));
    }

    [Fact]
    public void An_xz_file_cut_off_in_its_header_is_reported_as_damaged()
    {
        var archive = temp.Combine("cut.tar.xz");
        File.WriteAllBytes(archive, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2, 3, 4]);

        var error = Assert.Throws<BuildException>(() => extractor.Extract(archive, temp.Combine("out", "cut")));

        Assert.StartsWith($"archive {archive} is damaged or not a tar archive (", error.Message, StringComparison.Ordinal);
        AssertNothingWritten(temp.Combine("out", "cut"));
    }

    void AssertNothingWritten(string destination)
    {
        Assert.False(Path.Exists(destination));
        var parent = Path.GetDirectoryName(destination)!;
        Assert.True(!Directory.Exists(parent) || Directory.GetFileSystemEntries(parent).Length == 0, "a staging folder was left behind");
        Assert.False(File.Exists(temp.Combine("escaped.txt")));
        Assert.False(File.Exists(temp.Combine("out", "escaped.txt")));
        Assert.False(File.Exists("/tmp/escaped.txt"));
    }

    public void Dispose() => temp.Dispose();
}
