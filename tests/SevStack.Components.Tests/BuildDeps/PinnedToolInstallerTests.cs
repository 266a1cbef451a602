using SevStack.Components.BuildDeps;
using SevStack.Components.BuildRoots;
using SevStack.Testing;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Components.Tests.BuildDeps;

public sealed class PinnedToolInstallerTests
{
    static readonly PinnedTool Meson = new("meson", "1.0.1-5", "64c435548c1118afdcc68a5d537b99cfcd12e0556b695a81febd512d671eb666", "QEMU 7.2 needs meson >= 0.61.3");

    const string Installed = "dpkg-query -W '-f=${db:Status-Abbrev} ${Version}' meson";
    const string Show = "apt-cache show --no-all-versions meson=1.0.1-5";

    static string Record(string sha256) => $"Package: meson\nVersion: 1.0.1-5\nFilename: pool/main/m/meson/meson_1.0.1-5_all.deb\nSHA256: {sha256}\n";

    [Fact]
    public async Task The_release_s_older_version_is_replaced_by_the_pinned_one_after_its_hash_is_checked()
    {
        var runner = new RecordingCommandRunner().Answer(Installed, 0, "ii  0.56.2-1").Answer(Show, 0, Record(Meson.Sha256));

        var installed = await new PinnedToolInstaller(runner, new MemoryBuildLog()).InstallAsync([Meson]);

        Assert.Equal([Meson], installed);
        Assert.Equal([Installed, "env DEBIAN_FRONTEND=noninteractive LC_ALL=C apt-get update -q", Show,
            "env DEBIAN_FRONTEND=noninteractive LC_ALL=C apt-get install -y -q --no-install-recommends meson=1.0.1-5"], runner.CommandLines);
        Assert.True(runner.Commands[^1].NeedsRoot);
    }

    [Fact]
    public async Task A_tool_installed_at_its_version_is_left_alone()
    {
        var runner = new RecordingCommandRunner().Answer(Installed, 0, "ii  1.0.1-5");

        var installed = await new PinnedToolInstaller(runner, new MemoryBuildLog()).InstallAsync([Meson]);

        Assert.Empty(installed);
        Assert.Equal([Installed], runner.CommandLines);
    }

    [Fact]
    public async Task Another_file_under_the_pinned_version_is_refused_in_one_line_before_apt_installs_anything()
    {
        var runner = new RecordingCommandRunner().Answer(Installed, 1).Answer(Show, 0, Record(new string('0', 64)));

        var refusal = await Assert.ThrowsAsync<BuildException>(() => new PinnedToolInstaller(runner, new MemoryBuildLog()).InstallAsync([Meson]));

        Assert.Contains("meson=1.0.1-5", refusal.Message);
        Assert.Contains(Meson.Sha256, refusal.Message);
        Assert.DoesNotContain('\n', refusal.Message);
        Assert.DoesNotContain(runner.CommandLines, c => c.StartsWith("apt-get install", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_version_the_root_s_apt_does_not_know_is_refused_naming_the_newer_suites()
    {
        var runner = new RecordingCommandRunner().Answer(Installed, 1).Answer(Show, 100);

        var refusal = await Assert.ThrowsAsync<BuildException>(() => new PinnedToolInstaller(runner, new MemoryBuildLog()).InstallAsync([Meson]));

        Assert.Contains("not in the build root's apt lists", refusal.Message);
    }
}
