using System.Text.Json.Nodes;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Host;
using SevStack.Testing;

namespace SevStack.Docker.Tests;

/// <summary>
/// ConfigureDocker registers only what the root's Docker runs: Docker before 23.0 ignores runtimeType (the container
/// silently runs under runc), so Kata 3.x is refused there; Kata 3.x's shim is linked onto containerd's PATH; a 1.x
/// runtime must exist.
/// </summary>
public class DockerRuntimeSupportTests
{
    static readonly DockerRuntime Kata3 = DockerRuntime.ShimV2("kata-sev", "/etc/kata-containers/configuration-sevstack.toml");

    static Task<bool> Register(TempSysroot root, DockerRuntime runtime, RecordingCommandRunner? runner = null, MemoryBuildLog? log = null) =>
        new DockerRuntimeRegistration(log ?? new MemoryBuildLog()).RegisterAsync(runtime, DockerConfigMode.DaemonJson, DefaultRuntimeChoice.SetUnlessChosen, root.Changes(log, runner));

    [Theory]
    [InlineData("20.10.24+dfsg1-1+deb12u1+b6", "20.10.24")]
    [InlineData("5:24.0.7-1~debian.12~bookworm", "24.0.7")]
    [InlineData("26.1.5+dfsg1-9+b1", "26.1.5")]
    [InlineData("(none)", null)]
    public void Package_versions_give_the_upstream_release(string packaged, string? expected) =>
        Assert.Equal(expected is null ? null : Version.Parse(expected), DockerVersion.FromPackageVersion(packaged));

    [Fact]
    public void Dockerd_version_output_gives_the_release() =>
        Assert.Equal(new Version(20, 10, 24), DockerVersion.FromDaemonOutput("Docker version 20.10.24+dfsg1, build 297e128\n"));

    [Fact]
    public async Task Kata_3_on_debian_12_docker_io_is_refused_in_one_line_and_nothing_is_written()
    {
        using var root = new TempSysroot()
            .WithDockerPackage("docker.io", "20.10.24+dfsg1-1+deb12u1+b6")
            .With(KataShimLink.ShimPath, "#!/bin/sh\n");

        var error = await Assert.ThrowsAsync<BuildException>(() => Register(root, Kata3));

        Assert.Equal($"Docker 20.10.24 in the root {root.Path} (docker.io 20.10.24+dfsg1-1+deb12u1+b6) ignores runtimeType in daemon.json and would run kata-sev containers under runc, outside any VM: " +
                     "install Docker 23.0 or later there (purge docker.io, then run ConfigureDocker with --docker-package docker-ce), or use Kata 1.x (--kata-generation 1)", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(root.Exists(DaemonJson.Path));
        Assert.False(File.Exists(root.MapEntry(KataShimLink.LinkPath)) || new FileInfo(root.MapEntry(KataShimLink.LinkPath)).LinkTarget is not null);
        Assert.Empty(root.Record.CreatedFiles);
    }

    [Fact]
    public async Task Kata_3_with_an_unknown_docker_version_is_refused()
    {
        using var root = new TempSysroot().With("/usr/sbin/dockerd", "#!/bin/sh\n").With(KataShimLink.ShimPath, "#!/bin/sh\n");
        var runner = new RecordingCommandRunner().Answer($"chroot {root.Path} /usr/sbin/dockerd --version", 1);

        var error = await Assert.ThrowsAsync<BuildException>(() => Register(root, Kata3, runner));

        Assert.StartsWith($"the Docker version in the root {root.Path} is unknown", error.Message, StringComparison.Ordinal);
        Assert.Contains($"chroot {root.Path} /usr/sbin/dockerd --version", runner.CommandLines);
        Assert.False(root.Exists(DaemonJson.Path));
    }

    [Fact]
    public async Task An_unpackaged_dockerd_is_asked_for_its_version_inside_the_root()
    {
        using var root = new TempSysroot().With("/usr/bin/dockerd", "#!/bin/sh\n").With(KataShimLink.ShimPath, "#!/bin/sh\n");
        var runner = new RecordingCommandRunner().Answer($"chroot {root.Path} /usr/bin/dockerd --version", 0, "Docker version 27.3.1, build 41ca978\n");

        Assert.True(await Register(root, Kata3, runner));
        Assert.Equal("io.containerd.kata.v2", (string?)JsonNode.Parse(root.Read(DaemonJson.Path))!["runtimes"]!["kata-sev"]!["runtimeType"]);
    }

    [Fact]
    public async Task Docker_io_that_apt_would_install_is_refused_before_it_is_installed()
    {
        using var root = new TempSysroot();
        var runner = new RecordingCommandRunner().Answer($"chroot {root.Path} apt-cache policy docker.io", 0,
            "docker.io:\n  Installed: (none)\n  Candidate: 20.10.24+dfsg1-1+deb12u1+b6\n  Version table:\n");

        var error = await Assert.ThrowsAsync<BuildException>(() =>
            new DockerRuntimeRegistration(new MemoryBuildLog()).RefuseUnsupportedDockerAsync(Kata3, DockerPackageSource.DockerIo, root.Changes(runner: runner)));

        Assert.StartsWith($"Docker 20.10.24 in the root {root.Path} (docker.io 20.10.24+dfsg1-1+deb12u1+b6, which apt would install) ignores runtimeType", error.Message, StringComparison.Ordinal);
        Assert.Contains("--docker-package docker-ce installs Docker's own", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kata_1_on_docker_20_10_is_registered_by_path_with_its_configuration_as_runtime_args()
    {
        using var root = new TempSysroot()
            .WithDockerPackage("docker.io", "20.10.24+dfsg1-1+deb12u1+b6")
            .With("/opt/kata/bin/kata-runtime", "#!/bin/sh\n");

        await Register(root, DockerRuntime.SeedV1("kata-sev", "/opt/kata/bin/kata-runtime", "/etc/kata-containers/configuration-sevstack.toml"));

        var entry = JsonNode.Parse(root.Read(DaemonJson.Path))!["runtimes"]!["kata-sev"]!;
        Assert.Equal("/opt/kata/bin/kata-runtime", (string?)entry["path"]);
        Assert.Equal(["--kata-config", "/etc/kata-containers/configuration-sevstack.toml"], entry["runtimeArgs"]!.AsArray().Select(a => (string?)a));
    }

    [Fact]
    public async Task A_missing_kata_1_runtime_is_one_line_and_nothing_is_written()
    {
        using var root = new TempSysroot().WithDockerPackage("docker.io", "20.10.24+dfsg1-1+deb12u1+b6");

        var error = await Assert.ThrowsAsync<BuildException>(() => Register(root, DockerRuntime.SeedV1("kata-sev", "/opt/kata/bin/kata-runtime")));

        Assert.StartsWith($"{root.Map("/opt/kata/bin/kata-runtime")} does not exist, so runtime kata-sev would point at nothing", error.Message, StringComparison.Ordinal);
        Assert.False(root.Exists(DaemonJson.Path));
    }

    [Fact]
    public async Task Kata_3_shim_is_linked_into_usr_local_bin_recorded_and_removed_by_uninstall()
    {
        using var root = new TempSysroot().WithDockerPackage("docker-ce", "5:24.0.7-1~debian.12~bookworm").With(KataShimLink.ShimPath, "#!/bin/sh\n");

        Assert.True(await Register(root, Kata3));

        var link = new FileInfo(root.MapEntry(KataShimLink.LinkPath));
        Assert.Equal("/opt/kata/bin/containerd-shim-kata-v2", link.LinkTarget);
        Assert.Contains(KataShimLink.LinkPath, root.Record.CreatedLinks);
        Assert.Contains("/usr/local/bin", root.Record.CreatedDirectories);
        var log = new MemoryBuildLog();
        Assert.False(await Register(root, Kata3, log: log));
        Assert.Contains($"{root.MapEntry(KataShimLink.LinkPath)} -> /opt/kata/bin/containerd-shim-kata-v2 unchanged", log.Lines);

        await root.Changes().RestoreEverythingAsync();

        Assert.Null(new FileInfo(root.MapEntry(KataShimLink.LinkPath)).LinkTarget);
        Assert.False(Directory.Exists(root.Map("/usr/local/bin")));
    }

    [Fact]
    public async Task A_foreign_shim_in_usr_local_bin_is_left_alone_and_refused()
    {
        using var root = new TempSysroot().WithDockerPackage("docker-ce", "5:24.0.7-1~debian.12~bookworm")
            .With(KataShimLink.ShimPath, "#!/bin/sh\n").With(KataShimLink.LinkPath, "#!/bin/sh\necho someone else's shim\n");

        var error = await Assert.ThrowsAsync<BuildException>(() => Register(root, Kata3));

        Assert.StartsWith($"{root.MapEntry(KataShimLink.LinkPath)} already exists and is not a link to /opt/kata/bin/containerd-shim-kata-v2", error.Message, StringComparison.Ordinal);
        Assert.Equal("#!/bin/sh\necho someone else's shim\n", root.Read(KataShimLink.LinkPath));
        Assert.False(root.Exists(DaemonJson.Path));
    }

    [Fact]
    public async Task Kata_3_without_its_shim_is_refused()
    {
        using var root = new TempSysroot().WithDockerPackage("docker-ce", "5:24.0.7-1~debian.12~bookworm");

        var error = await Assert.ThrowsAsync<BuildException>(() => Register(root, Kata3));

        Assert.StartsWith($"{root.Map(KataShimLink.ShimPath)} does not exist, so containerd would find no shim", error.Message, StringComparison.Ordinal);
        Assert.False(root.Exists(DaemonJson.Path));
    }
}
