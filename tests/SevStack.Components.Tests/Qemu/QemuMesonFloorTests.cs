using SevStack.Components.Qemu;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Components.Tests.Qemu;

/// <summary>QEMU before 5.2 has no meson build, which is all QemuBuilder drives: refused by its spec before anything runs, or by its tree.</summary>
public sealed class QemuMesonFloorTests
{
    [Theory]
    [InlineData("git+https://github.com/qemu/qemu.git#v3.0.0", "3.0.0")]
    [InlineData("git+https://github.com/qemu/qemu.git#v5.1.0-rc2", "5.1.0")]
    [InlineData("git+https://github.com/qemu/qemu.git#v5.2.0", "5.2.0")]
    [InlineData("apt:qemu=1:3.1+dfsg-8+deb10u8", "3.1")]
    [InlineData("apt:qemu=1:7.2+dfsg-7+deb12u18", "7.2")]
    [InlineData("https://download.qemu.org/qemu-4.2.1.tar.xz#sha256=0000000000000000000000000000000000000000000000000000000000000000", "4.2.1")]
    public void The_release_a_spec_names_is_read_from_its_tag_Debian_version_or_tarball_name(string spec, string release) =>
        Assert.Equal(Version.Parse(release), QemuMesonFloor.ReleaseOf(spec));

    [Theory]
    [InlineData("apt:qemu")]
    [InlineData("git+https://github.com/qemu/qemu.git#master")]
    [InlineData("git+https://github.com/qemu/qemu.git#0123456789abcdef0123456789abcdef01234567")]
    [InlineData("dir:/usr/src/qemu")]
    public void A_spec_that_names_no_release_is_left_to_the_tree(string spec)
    {
        Assert.Null(QemuMesonFloor.ReleaseOf(spec));
        Assert.Null(QemuMesonFloor.RefusalOf(spec));
    }

    [Fact]
    public void The_seeds_QEMU_3_0_0_is_refused_in_one_line_naming_the_flag_and_what_to_give()
    {
        Assert.Equal("--qemu-source git+https://github.com/qemu/qemu.git#v3.0.0 is QEMU 3.0.0, which predates meson (QEMU 5.2): " +
            "QEMU's builder configures and builds with meson only; give --qemu-source apt:qemu or a QEMU 5.2 or later source",
            QemuMesonFloor.RefusalOf("git+https://github.com/qemu/qemu.git#v3.0.0"));
        Assert.Null(QemuMesonFloor.RefusalOf("git+https://github.com/qemu/qemu.git#v5.2.0"));
    }

    [Fact]
    public async Task A_tree_without_meson_build_fails_before_configure_runs()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("qemu", temp);
        File.Delete(Path.Combine(source, "meson.build"));
        File.WriteAllText(Path.Combine(source, "VERSION"), "3.0.0\n");
        var log = new MemoryBuildLog();

        var error = await Assert.ThrowsAsync<BuildException>(() => new QemuBuilder(new CliWrapCommandRunner(log, Privilege.Detect())).BuildAsync(
            new QemuBuildRequest(source, temp.Combine("build"), QemuFlavour.Host, "/opt/sevstack")));

        Assert.Equal($"{source} has no meson.build (QEMU 3.0.0), which predates meson (QEMU 5.2): QEMU's builder configures and builds with meson only; " +
            "give --qemu-source apt:qemu or a QEMU 5.2 or later source", error.Message);
        Assert.Empty(log.Lines);
        Assert.False(File.Exists(temp.Combine("build", "qemu-host", "calls.log")));
    }
}
