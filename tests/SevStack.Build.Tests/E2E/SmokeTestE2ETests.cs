using SevStack.Build.Tests.E2E.Docker;
using SevStack.Testing;

namespace SevStack.Build.Tests.E2E;

/// <summary>
/// The real SmokeTest target against real dockerd and containerd (trixie's Docker 26, extracted, on temp sockets) with
/// the runtime ConfigureDocker registers: it must reach the Kata shim and, on this machine without KVM, fail with one
/// line naming that cause, never pass. The shim is a stand-in that records its argv and prints what Kata's QEMU prints
/// without KVM; the image is imported from this machine's static busybox, nothing is pulled.
/// </summary>
[Trait("Suite", "E2E")]
public sealed class SmokeTestE2ETests
{
    const string Image = "sevstack-busybox:smoke";
    const string NoKvm = "Could not access KVM kernel module: No such file or directory\nqemu-system-x86_64: failed to initialize kvm: No such file or directory";

    [Fact]
    public async Task SmokeTest_reaches_the_kata_shim_through_real_docker_and_fails_with_one_line_naming_the_missing_KVM()
    {
        var docker = await DebianDockerPackages.GetAsync("trixie");
        using var root = new TempDirectory("sevstack-sysroot");
        using var work = new TempDirectory("sevstack-docker-e2e");
        using var repository = new TempDirectory("sevstack-repo");
        StandInKataShim.WriteDockerPackageStatus(root, docker.DockerPackageVersion);
        var argvLog = work.Combine("shim-argv.txt");
        StandInKataShim.Write(root.Combine("opt", "kata", "bin", "containerd-shim-kata-v2"), argvLog, NoKvm);
        var configure = await BuildProgram.RunIsolated(repository, "ConfigureDocker", "--kata-generation", "3", "--docker-package", "none", "--sysroot", root.Path);
        Assert.True(configure.Exit == 0, configure.Output);
        // containerd runs on this machine, not in the root: the folder on its PATH resolves the root's link inside the root.
        Directory.CreateDirectory(work.Combine("path"));
        File.CreateSymbolicLink(work.Combine("path", "containerd-shim-kata-v2"), root.Path + new FileInfo(root.Combine("usr", "local", "bin", "containerd-shim-kata-v2")).LinkTarget);
        // SmokeTest finds the docker CLI on PATH, as on a host; these packages' CLI is the one that matches the daemon.
        Directory.CreateDirectory(work.Combine("cli"));
        File.CreateSymbolicLink(work.Combine("cli", "docker"), docker.Cli);

        await using var daemons = await DockerDaemons.StartAsync(docker, root.Combine("etc", "docker", "daemon.json"), work.Combine("path"));
        await BusyboxImage.ImportAsync(daemons, work, Image);

        var smoke = await BuildProgram.RunIsolatedWithPath(repository, work.Combine("cli"), "SmokeTest", "--docker-host", $"unix://{daemons.Socket}", "--smoke-image", Image);

        Assert.True(smoke.Exit == 1, smoke.Output);
        var failure = Assert.Single(smoke.Output.Split('\n'), l => l.StartsWith("SmokeTest failed: ", StringComparison.Ordinal));
        Assert.StartsWith($"SmokeTest failed: `docker -H unix://{daemons.Socket} run --rm --runtime kata-sev {Image} dmesg` failed with exit code 125: docker: Error response from daemon: ", failure);
        Assert.Contains("Could not access KVM kernel module", failure);
        Assert.EndsWith("; Docker reached the Kata shim of kata-sev, but this host has no usable KVM (/dev/kvm), so no Kata VM can start; " +
                        "run CheckHost (kvm_amd loaded, /dev/kvm present, virtualization on in the firmware)", failure.TrimEnd());
        var argv = File.ReadAllText(argvLog);
        Assert.Contains("containerd-shim-kata-v2 -namespace moby", argv);
        Assert.Contains($"-address {daemons.ContainerdSocket}", argv);
    }
}
