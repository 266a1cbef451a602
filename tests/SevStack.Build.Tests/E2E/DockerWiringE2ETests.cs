using System.Text.Json.Nodes;
using SevStack.Build.Tests.E2E.Docker;
using SevStack.Testing;

namespace SevStack.Build.Tests.E2E;

/// <summary>
/// The Docker wiring against real dockerd and containerd (Debian's packages, extracted, started on temp sockets): which
/// shim containerd starts for our runtime, not whether <c>docker run</c> exits 0. Without KVM and the real Kata shim, a
/// stand-in <c>containerd-shim-kata-v2</c> records its argv and fails, which proves containerd reached it. The image is
/// imported from a folder holding this machine's static busybox; nothing is pulled.
/// </summary>
[Trait("Suite", "E2E")]
public sealed class DockerWiringE2ETests
{
    const string Image = "sevstack-busybox:e2e";

    [Fact]
    public async Task Docker_26_starts_containerd_shim_kata_v2_for_the_runtime_ConfigureDocker_registers()
    {
        var docker = await DebianDockerPackages.GetAsync("trixie");
        using var root = new TempDirectory("sevstack-sysroot");
        using var work = new TempDirectory("sevstack-docker-e2e");
        StandInKataShim.WriteDockerPackageStatus(root, docker.DockerPackageVersion);
        var argvLog = work.Combine("shim-argv.txt");
        WriteShim(root.Combine("opt", "kata", "bin", "containerd-shim-kata-v2"), argvLog);
        using var repository = new TempDirectory("sevstack-repo");

        var configure = await BuildProgram.RunIsolated(repository, "ConfigureDocker", "--kata-generation", "3", "--docker-package", "none", "--sysroot", root.Path);

        Assert.True(configure.Exit == 0, configure.Output);
        var link = new FileInfo(root.Combine("usr", "local", "bin", "containerd-shim-kata-v2"));
        Assert.Equal("/opt/kata/bin/containerd-shim-kata-v2", link.LinkTarget);
        // containerd runs on this machine, not in the root: the folder on its PATH resolves the root's link inside the root.
        Directory.CreateDirectory(work.Combine("path"));
        File.CreateSymbolicLink(work.Combine("path", "containerd-shim-kata-v2"), root.Path + link.LinkTarget);

        await using var daemons = await DockerDaemons.StartAsync(docker, root.Combine("etc", "docker", "daemon.json"), work.Combine("path"));
        var info = await daemons.DockerAsync("info", "--format", "{{json .Runtimes}} {{.DefaultRuntime}}");
        Assert.True(info.Succeeded, info.StandardError);
        Assert.Contains("\"kata-sev\"", info.StandardOutput);
        Assert.EndsWith(" kata-sev", info.StandardOutput.Trim());
        await ImportBusyboxAsync(daemons, work);

        var run = await daemons.DockerAsync("run", "--rm", "--network", "none", Image, "/bin/busybox", "true");

        Assert.False(run.Succeeded, run.StandardOutput);
        Assert.Contains("stand-in kata shim", run.StandardError);
        var argv = File.ReadAllText(argvLog);
        Assert.Contains("containerd-shim-kata-v2 -namespace moby", argv);
        Assert.Contains($"-address {daemons.ContainerdSocket}", argv);
    }

    [Fact]
    public async Task Docker_20_10_runs_a_runtimeType_entry_under_runc_so_ConfigureDocker_refuses_kata_3_there()
    {
        var docker = await DebianDockerPackages.GetAsync("bookworm");
        using var work = new TempDirectory("sevstack-docker-e2e");
        var argvLog = work.Combine("shim-argv.txt");
        WriteShim(work.Combine("path", "containerd-shim-kata-v2"), argvLog);
        // The entry ConfigureDocker used to write, by hand: Docker 20.10 accepts it and lists the runtime.
        var daemonJson = work.WriteFile("daemon.json", new JsonObject
        {
            ["runtimes"] = new JsonObject { ["kata-sev"] = new JsonObject { ["runtimeType"] = "io.containerd.kata.v2" } },
        }.ToJsonString());

        await using (var daemons = await DockerDaemons.StartAsync(docker, daemonJson, work.Combine("path")))
        {
            var info = await daemons.DockerAsync("info", "--format", "{{json .Runtimes}}");
            Assert.Contains("\"kata-sev\"", info.StandardOutput);
            await ImportBusyboxAsync(daemons, work);

            var run = await daemons.DockerAsync("run", "-d", "--runtime", "kata-sev", "--network", "none", Image, "/bin/busybox", "sleep", "120");

            Assert.True(run.Succeeded, run.StandardError + (File.Exists(daemons.DockerdLog) ? File.ReadAllText(daemons.DockerdLog) : ""));
            var id = run.StandardOutput.Trim();
            var shims = daemons.ShimCommandLines();
            Assert.Contains(shims, l => l.Contains("containerd-shim-runc-v2", StringComparison.Ordinal));
            Assert.DoesNotContain(shims, l => l.Contains("kata", StringComparison.Ordinal));
            Assert.False(File.Exists(argvLog));
            Assert.Equal("kata-sev", (await daemons.DockerAsync("inspect", "--format", "{{.HostConfig.Runtime}}", id)).StandardOutput.Trim());
            await daemons.DockerAsync("rm", "-f", id);
        }

        using var root = new TempDirectory("sevstack-sysroot");
        StandInKataShim.WriteDockerPackageStatus(root, docker.DockerPackageVersion);
        WriteShim(root.Combine("opt", "kata", "bin", "containerd-shim-kata-v2"), argvLog);
        var pristine = RootSnapshot.Take(root.Path);
        using var repository = new TempDirectory("sevstack-repo");

        var refused = await BuildProgram.RunIsolated(repository, "ConfigureDocker", "--kata-generation", "3", "--docker-package", "none", "--sysroot", root.Path);

        Assert.Equal(2, refused.Exit);
        Assert.Equal($"error: Target ConfigureDocker requires: Docker 20.10.24 in the root {root.Path} (docker.io {docker.DockerPackageVersion}) ignores runtimeType in daemon.json " +
                     "and would run kata-sev containers under runc, outside any VM: install Docker 23.0 or later there (purge docker.io, then run ConfigureDocker with " +
                     "--docker-package docker-ce), or use Kata 1.x (--kata-generation 1)", refused.Output.Trim());
        Assert.Empty(pristine.Differences(RootSnapshot.Take(root.Path)));
    }

    static void WriteShim(string path, string argvLog) => StandInKataShim.Write(path, argvLog, "stand-in kata shim: no KVM here");

    static Task ImportBusyboxAsync(DockerDaemons daemons, TempDirectory work) => BusyboxImage.ImportAsync(daemons, work, Image);
}
