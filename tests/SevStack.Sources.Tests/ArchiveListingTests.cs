using SevStack.Toolkit;
using SevStack.Sources.Archives;
using SevStack.Testing;

namespace SevStack.Sources.Tests;

public sealed class ArchiveListingTests : IDisposable
{
    readonly TempDirectory temp = new("sevstack-listing");

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("kata.tar.xz")]
    [InlineData("kata.tar.zst")]
    public async Task Lists_names_and_link_targets_without_extracting_even_hostile_entries(string name)
    {
        var archive = await new TarballBuilder()
            .Directory("./opt/kata/")
            .File("./opt/kata/bin/kata-runtime", "#!/bin/sh\n", (UnixFileMode)0b111_101_101)
            .Symlink("./opt/kata/bin/qemu", "/usr/bin/qemu-system-x86_64")
            .HardLink("./opt/kata/bin/kata-monitor", "./opt/kata/bin/kata-runtime")
            .File("../../etc/passwd", "root::0:0::/:/bin/sh\n")
            .WriteAsync(temp.Combine(name));

        var entries = ArchiveListing.Read(archive);

        Assert.Equal(
        [
            new ArchiveEntry("./opt/kata/", null, false),
            new ArchiveEntry("./opt/kata/bin/kata-runtime", null, false),
            new ArchiveEntry("./opt/kata/bin/qemu", "/usr/bin/qemu-system-x86_64", false),
            new ArchiveEntry("./opt/kata/bin/kata-monitor", "./opt/kata/bin/kata-runtime", true),
            new ArchiveEntry("../../etc/passwd", null, false),
        ], entries);
        Assert.Equal([Path.GetFileName(archive)], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_damaged_archive_is_one_clear_error()
    {
        var archive = temp.WriteFile("kata.tar.xz", "");
        File.WriteAllBytes(archive, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2, 3, 4]);

        var error = Assert.Throws<BuildException>(() => ArchiveListing.Read(archive));

        Assert.StartsWith($"archive {archive} is damaged or not a tar archive (", error.Message, StringComparison.Ordinal);
    }
}
