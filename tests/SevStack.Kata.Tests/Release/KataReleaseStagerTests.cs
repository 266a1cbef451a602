using System.Formats.Tar;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Kata.Staging;
using SevStack.Kata.Release;
using SevStack.Sources.GitHub;
using SevStack.Testing;

namespace SevStack.Kata.Tests.Release;

/// <summary>The 3.x release path against a fake GitHub API and a generated kata-static tarball on 127.0.0.1.</summary>
public sealed class KataReleaseStagerTests : IDisposable
{
    const string Version = "3.18.0";
    readonly FakeKataReleases github = new();
    readonly TempDirectory temp = new("sevstack-kata-release");
    readonly HttpClient http = new();

    public void Dispose()
    {
        http.Dispose();
        github.Dispose();
        temp.Dispose();
    }

    string Downloads => temp.Combine("cache", "downloads");
    string Staging => temp.Combine("work", "kata-staging");

    Task<KataStaging?> Stage(string? version = Version, bool dryRun = false) =>
        new KataReleaseStager(new MemoryBuildLog(), http).StageAsync(new KataReleaseFinder(new MemoryBuildLog(), http, GitHubOptions.At(github.ApiUrl)), version, Downloads, Staging, dryRun);

    [Fact]
    public async Task A_verified_release_is_staged_under_opt_kata_and_its_download_is_reused()
    {
        var tarball = KataStaticTarball.Create(Version);
        github.Publish(Version, tarball, latest: true);

        var staging = await Stage(version: null);
        var again = await Stage();

        Assert.NotNull(staging);
        Assert.Equal(Version, staging.Version);
        Assert.Equal(KataGeneration.V3, staging.Generation);
        Assert.Equal(Path.GetFullPath(Staging), staging.Root);
        Assert.Equal(["opt"], Directory.GetFileSystemEntries(Staging).Select(Path.GetFileName));
        Assert.Equal(File.ReadAllBytes("/usr/bin/true"), File.ReadAllBytes(Path.Combine(Staging, "opt/kata/bin/containerd-shim-kata-v2")));
        Assert.Equal("configuration-qemu-sev.toml", new FileInfo(Path.Combine(Staging, "opt/kata/share/defaults/kata-containers/configuration.toml")).LinkTarget);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(tarball)), staging.Source.Resolved);
        Assert.Equal(github.Server.Url(github.DownloadPath(Version, FakeKataReleases.TarballName(Version))).AbsoluteUri, staging.Source.Url);
        Assert.Equal(KataStaticTarball.EntryTime, staging.Source.SourceDate);
        Assert.Equal(staging, again);
        Assert.Single(github.Downloads(Version));
    }

    [Fact]
    public async Task A_wrong_checksum_is_refused_and_nothing_is_kept()
    {
        github.Publish(Version, KataStaticTarball.Create(Version), sha256: new string('0', 64));

        var error = await Assert.ThrowsAsync<BuildException>(() => Stage());

        Assert.StartsWith($"sha256 mismatch for {github.Server.Url(github.DownloadPath(Version, FakeKataReleases.TarballName(Version)))}: expected {new string('0', 64)}, got ", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Staging));
        Assert.Empty(Directory.EnumerateFiles(Downloads, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_release_without_the_kata_static_asset_names_what_it_has()
    {
        github.Publish("3.20.0", [], withTarball: false);

        var error = await Assert.ThrowsAsync<BuildException>(() => Stage("3.20.0"));

        Assert.Equal("Kata release 3.20.0 has no asset kata-static-3.20.0-amd64.tar.xz or kata-static-3.20.0-amd64.tar.zst; assets present: kata-static-3.20.0-arm64.tar.xz; pick another --kata-version or architecture", error.Message);
        Assert.False(Directory.Exists(Staging));
    }

    public static TheoryData<string, string> EscapingEntries => new()
    {
        { "file", "./etc/resolv.conf: lands at /etc/resolv.conf, outside /opt/kata" },
        { "climb", "./opt/kata/../../usr/bin/qemu-system-x86_64: lands at /usr/bin/qemu-system-x86_64, outside /opt/kata" },
        { "symlink", "./opt/kata/bin/qemu: links to /usr/bin/qemu-system-x86_64, which resolves to /usr/bin/qemu-system-x86_64, outside /opt/kata" },
    };

    [Theory]
    [MemberData(nameof(EscapingEntries))]
    public async Task An_entry_escaping_opt_kata_is_named_and_nothing_is_extracted(string kind, string problem)
    {
        github.Publish(Version, KataStaticTarball.Create(Version, writer =>
        {
            switch (kind)
            {
                case "file":
                    KataStaticTarball.WriteFile(writer, "./etc/resolv.conf", "nameserver 10.0.0.1\n"u8.ToArray(), (UnixFileMode)0b110_100_100);
                    break;
                case "climb":
                    KataStaticTarball.WriteFile(writer, "./opt/kata/../../usr/bin/qemu-system-x86_64", [1, 2, 3], (UnixFileMode)0b111_101_101);
                    break;
                default:
                    KataStaticTarball.Write(writer, new GnuTarEntry(TarEntryType.SymbolicLink, "./opt/kata/bin/qemu") { LinkName = "/usr/bin/qemu-system-x86_64" });
                    break;
            }
        }));

        var error = await Assert.ThrowsAsync<BuildException>(() => Stage());

        Assert.Equal($"kata-static-{Version}-amd64.tar.xz would write outside /opt/kata: entry {problem}; nothing was extracted. "
                     + "A Kata static release keeps everything below /opt/kata: this tarball is not one, or it was altered", error.Message);
        Assert.False(Directory.Exists(Staging));
    }

    [Fact]
    public async Task A_dry_run_looks_the_release_up_but_downloads_nothing()
    {
        github.Publish(Version, KataStaticTarball.Create(Version));

        var staging = await Stage(dryRun: true);

        Assert.Null(staging);
        Assert.Empty(github.Downloads(Version));
        Assert.False(Directory.Exists(Staging));
    }
}
