using System.Formats.Tar;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>BuildKata and SmokeTest through the real command line: a fake GitHub on 127.0.0.1, a fixture fork repository, a fake docker.</summary>
public sealed class KataTargetTests : IDisposable
{
    const string Version = "3.18.0";
    readonly FakeKataReleases github = new();
    readonly TempDirectory repository = new("sevstack-repo");
    readonly TempDirectory cache = new("sevstack-cache");
    static readonly CliWrapCommandRunner Runner = new(new MemoryBuildLog(), Privilege.Detect());

    public void Dispose()
    {
        github.Dispose();
        repository.Dispose();
        cache.Dispose();
    }

    string Staged(params string[] parts) => repository.Combine(["artifacts", "work", "build", "kata-staging", .. parts]);

    Task<(int Exit, string Output)> BuildKata(params string[] more) => BuildKata(native: false, more);

    Task<(int Exit, string Output)> BuildKata(bool native, params string[] more) =>
        BuildProgram.RunIsolated(repository, native, ["BuildKata", "--github-api-url", github.ApiUrl.ToString(), "--cache-dir", cache.Path, .. more]);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    // native: the same run through the natively compiled program build.sh makes (reflection and JSON without a JIT).
    public async Task BuildKata_stages_the_verified_release_from_the_GitHub_API_it_is_given(bool native)
    {
        var tarball = KataStaticTarball.Create(Version);
        github.Publish(Version, tarball);

        var (exit, output) = await BuildKata(native, "--kata-version", Version);

        Assert.True(exit == 0, output);
        Assert.Equal($"Kata {Version} in {Staged()}", BuildProgram.TargetNote(repository, "BuildKata"));
        Assert.True(File.Exists(Staged("opt", "kata", "bin", "containerd-shim-kata-v2")));
        Assert.True(File.Exists(Path.Combine(cache.Path, "sources", "downloads", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(tarball)), FakeKataReleases.TarballName(Version))));
        Assert.Single(github.Downloads(Version));
    }

    [Fact]
    public async Task BuildKata_in_a_dry_run_finds_the_release_and_downloads_nothing()
    {
        github.Publish(Version, KataStaticTarball.Create(Version));

        var (exit, output) = await BuildKata("--kata-version", Version, "--dry-run");

        Assert.True(exit == 0, output);
        Assert.Contains($"would download {github.Server.Url(github.DownloadPath(Version, FakeKataReleases.TarballName(Version)))}", output);
        Assert.Empty(github.Downloads(Version));
        Assert.False(Directory.Exists(Staged()));
    }

    [Fact]
    public async Task BuildKata_refuses_a_tarball_with_an_entry_outside_opt_kata()
    {
        github.Publish(Version, KataStaticTarball.Create(Version, writer =>
            KataStaticTarball.WriteFile(writer, "./usr/local/bin/kata-runtime", "#!/bin/sh\n"u8.ToArray(), (UnixFileMode)0b111_101_101)));

        var (exit, output) = await BuildKata("--kata-version", Version);

        Assert.Equal(1, exit);
        Assert.Contains($"BuildKata failed: kata-static-{Version}-amd64.tar.xz would write outside /opt/kata: entry ./usr/local/bin/kata-runtime: lands at /usr/local/bin/kata-runtime, outside /opt/kata; nothing was extracted.", output);
        Assert.False(Directory.Exists(Staged()));
    }

    [Fact]
    public async Task BuildKata_for_1x_without_a_runtime_source_says_the_fork_is_gone()
    {
        var (exit, output) = await BuildKata("--kata-generation", "1");

        Assert.Equal(1, exit);
        Assert.Contains("BuildKata failed: Kata 1.x needs AMD's SEV runtime fork, but AMDESE/runtime (branch sev-v1.1.0) no longer exists upstream; point --kata-runtime-source at a mirror of it", output);
        Assert.Empty(github.Server.Requests);
    }

    [Fact]
    public async Task BuildKata_for_1x_fetches_the_fork_mirror_and_builds_it_with_make()
    {
        using var upstream = new TempDirectory("sevstack-runtime-mirror");
        upstream.WriteFile("VERSION", "1.1.0\n");
        upstream.WriteFile("Makefile", "kata-runtime:\n\ttest \"$(GO111MODULE)\" = off\n\tprintf '#!/bin/sh\\necho sev-runtime\\n' > $@\n");
        async Task Git(params string[] args) => await Runner.RunAsync(new CommandSpec("git", ["-C", upstream.Path, "-c", "user.name=t", "-c", "user.email=t@example.org", .. args]));
        await Git("init", "-q", "-b", "sev-v1.1.0");
        await Git("add", ".");
        await Git("commit", "-q", "-m", "SEV runtime");

        var (exit, output) = await BuildKata("--kata-generation", "1", "--kata-runtime-source", $"git+file://{upstream.Path}#sev-v1.1.0");

        Assert.True(exit == 0, output);
        Assert.Contains("Kata 1.1.0 in ", output);
        var run = await Runner.RunAsync(new CommandSpec(Staged("opt", "kata", "bin", "kata-runtime")));
        Assert.Equal("sev-runtime\n", run.StandardOutput);
        Assert.Empty(github.Server.Requests);
    }

    [Fact]
    public async Task InstallKataPackages_for_1x_without_a_repository_stops_before_anything_runs_with_one_line()
    {
        using var root = new TempDirectory("sevstack-sysroot");

        var (exit, output) = await BuildProgram.RunIsolated(repository, "InstallKataPackages", "ConfigureKata", "--kata-generation", "1", "--sysroot", root.Path);

        Assert.Equal(2, exit);
        Assert.Equal("error: Target InstallKataPackages requires: Kata 1.x needs the kata-runtime, kata-proxy and kata-shim packages, but their openSUSE OBS repository " +
            "home:katacontainers:releases is gone since 2020; point --kata-apt-repository at a mirror of it (a flat repository with its Release.key) " +
            "and give --kata-apt-key-fingerprint, the fingerprint that key must have (no published one can be checked offline)", output.Trim());
        Assert.Empty(Directory.EnumerateFileSystemEntries(root.Path));
    }

    [Fact]
    public async Task InstallKataPackages_for_3x_is_skipped_and_says_why()
    {
        using var root = new TempDirectory("sevstack-sysroot");

        var (exit, output) = await BuildProgram.RunIsolated(repository, "InstallKataPackages", "--kata-generation", "3", "--sysroot", root.Path);

        Assert.True(exit == 0, output);
        var row = Assert.Single(output.Split('\n'), l => l.TrimStart().StartsWith("InstallKataPackages ", StringComparison.Ordinal));
        Assert.Contains("Skipped", row);
        Assert.Equal("OnlyWhen: --kata-generation is 1; Kata 3.x has no such packages", BuildProgram.TargetNote(repository, "InstallKataPackages"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(root.Path));
    }

    [Fact]
    public async Task InstallKataPackages_runs_after_InstallHost_and_before_ConfigureKata()
    {
        var (_, plan) = await BuildProgram.Run("ConfigureKata", "InstallKataPackages", "InstallHost", "--plan");

        var lines = plan.Split('\n');
        int At(string target) => Array.FindIndex(lines, l => l.Split('.', 2) is [_, var entry] && entry.TrimStart().StartsWith(target + " ", StringComparison.Ordinal));
        Assert.True(At("InstallHost") < At("InstallKataPackages") && At("InstallKataPackages") < At("ConfigureKata"), plan);
    }

    [Fact]
    public async Task PackageDebs_plans_BuildKata_only_when_asked_and_then_after_it()
    {
        var (_, alone) = await BuildProgram.Run("PackageDebs", "--plan");
        var (_, both) = await BuildProgram.Run("PackageDebs", "BuildKata", "--plan");

        Assert.DoesNotContain("BuildKata", alone);
        var lines = both.Split('\n');
        Assert.True(Array.FindIndex(lines, l => l.Contains("BuildKata", StringComparison.Ordinal)) < Array.FindIndex(lines, l => l.Contains("PackageDebs", StringComparison.Ordinal)), both);
    }

    [Theory]
    [InlineData("dmesg-guest-snp-6.x.txt", 0, "SEV-SNP active: Memory Encryption Features active: AMD SEV SEV-ES SEV-SNP")]
    [InlineData("dmesg-guest-sev-4.x.txt", 0, "SEV active: AMD Secure Encrypted Virtualization (SEV) active")]
    [InlineData("no-sev", 1, "SmokeTest failed: SEV is not active in the container of runtime sev-runtime: the guest kernel booted without memory encryption")]
    public async Task SmokeTest_reads_the_guest_log_of_docker_run(string sample, int expectedExit, string expected)
    {
        var log = sample == "no-sev"
            ? Path.Combine(SharedData.RepositoryRoot, "tests", "SevStack.Docker.Tests", "Smoke", "dmesg-guest-kata-no-sev.txt")
            : SharedData.TestData("host", sample);
        using var bin = new TempDirectory("sevstack-fake-docker");
        var calls = bin.Combine("calls");
        var docker = bin.WriteFile("docker", $"#!/bin/sh\necho \"$*\" >> '{calls}'\ncat '{log}'\n");
        File.SetUnixFileMode(docker, (UnixFileMode)0b111_101_101);

        var (exit, output) = await BuildProgram.RunIsolatedWithPath(repository, bin.Path, "SmokeTest", "--runtime-name", "sev-runtime");

        Assert.True(exit == expectedExit, output);
        Assert.Contains(expected, expectedExit == 0 ? BuildProgram.TargetNote(repository, "SmokeTest") : output);
        Assert.Equal("run --rm --runtime sev-runtime busybox dmesg\n", File.ReadAllText(calls));
    }
}
