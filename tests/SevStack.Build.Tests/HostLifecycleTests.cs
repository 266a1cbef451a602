using System.Text.Json.Nodes;
using SevStack.Host;
using SevStack.Host.Tests.Support;
using SevStack.Kata.Tests.Support;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>
/// The operator's whole flow through the real targets, in a debootstrapped Debian 12 root: InstallHost, ConfigureKata and
/// ConfigureDocker; again with no change; UninstallHost leaves the root as it was.
/// </summary>
public sealed class HostLifecycleTests
{
    const string KataDefaults = "/opt/kata/share/defaults/kata-containers/configuration-qemu-sev.toml";
    const string KataConfig = "/etc/kata-containers/configuration-sevstack.toml";
    const string ShimLink = "/usr/local/bin/containerd-shim-kata-v2";
    const string DaemonJson = "/etc/docker/daemon.json";
    const string KvmOptions = "/etc/modprobe.d/sevstack-kvm.conf";

    [Fact]
    public async Task Install_configure_kata_and_docker_rerun_without_change_and_uninstall_back_to_the_snapshot()
    {
        using var fixtures = new FixturePackages();
        using var root = new DebianTestRoot();
        // What the Kata 3.x package installs, and a user's daemon.json that ConfigureDocker must merge into and UninstallHost restore.
        Place(root, KataDefaults, KataTemplate.RenderFile("kata", "3.x", "configuration-qemu-sev.toml.in"));
        foreach (var file in new[] { "/opt/kata/share/kata-containers/vmlinuz-confidential.container", "/opt/kata/share/kata-containers/kata-containers-initrd-confidential.img", "/opt/kata/share/ovmf/OVMF.fd", "/opt/kata/bin/containerd-shim-kata-v2" })
            Place(root, file, "fixture\n");
        // A Docker that is already there and new enough for runtimeType (no package: ConfigureDocker asks it, chrooted):
        // --docker-package none uses it, so the flow installs no Docker package.
        Place(root, "/usr/bin/dockerd", "#!/bin/sh\necho 'Docker version 24.0.7, build afdd53b'\n");
        File.SetUnixFileMode(root.Map("/usr/bin/dockerd"), (UnixFileMode)0b111_101_101);
        var userDaemonJson = File.ReadAllText(SharedData.TestData("docker", "daemon.full-example.json"));
        Place(root, DaemonJson, userDaemonJson);
        var pristine = RootSnapshot.Take(root.Path);
        using var repository = new TempDirectory("sevstack-repo");
        string[] everything =
        [
            "InstallHost", "ConfigureKata", "ConfigureDocker", "--skip", "PackageDebs", "--sysroot", root.Path,
            "--debs", fixtures.DebsFolder, "--host-packages", FixturePackages.Kernel, FixturePackages.Qemu, "--allow-unbootable-kernel-default", "--sev-es", "--kernel-cmdline", "mem_encrypt=on",
            "--kata-version", "3.18.0", "--swiotlb", "262144", "--block-device-driver", "virtio-blk", "--docker-package", "none", "--replace-default-runtime",
        ];

        var dryRun = await BuildProgram.RunIsolated(repository, [.. everything, "--dry-run"]);

        Assert.True(dryRun.Exit == 0, dryRun.Output);
        Assert.Empty(pristine.Differences(RootSnapshot.Take(root.Path)));
        Assert.Contains($"would create {root.Map(KataConfig)}:", dryRun.Output);
        Assert.Contains($"would change {root.Map(DaemonJson)}:", dryRun.Output);
        Assert.Contains("+  \"default-runtime\": \"kata-sev\"", dryRun.Output);

        var first = await BuildProgram.RunIsolated(repository, everything);

        Assert.True(first.Exit == 0, first.Output);
        var state = HostChangeRecord.FromJson(File.ReadAllText(root.Map(HostChangeRecord.StatePath)), "state.json");
        Assert.Contains(KvmOptions, state.CreatedFiles);
        Assert.Contains(KataConfig, state.CreatedFiles);
        Assert.Contains(state.ChangedFiles, f => f.Path == DaemonJson && f.BackupPath == HostChangeRecord.BackupFolder + DaemonJson && f.Sha256 is { Length: 64 });
        Assert.Equal(userDaemonJson, File.ReadAllText(root.Map(HostChangeRecord.BackupFolder + DaemonJson)));
        Assert.Contains("swiotlb=262144", File.ReadAllText(root.Map(KataConfig)));
        var daemon = JsonNode.Parse(File.ReadAllText(root.Map(DaemonJson)))!.AsObject();
        Assert.Equal("kata-sev", (string?)daemon["default-runtime"]);
        Assert.Equal("io.containerd.kata.v2", (string?)daemon["runtimes"]!["kata-sev"]!["runtimeType"]);
        Assert.Equal(KataConfig, (string?)daemon["runtimes"]!["kata-sev"]!["options"]!["ConfigPath"]);
        Assert.Contains(ShimLink, state.CreatedLinks);
        Assert.Equal("/opt/kata/bin/containerd-shim-kata-v2", new FileInfo(root.Map(ShimLink)).LinkTarget);
        Assert.Equal("/run/containerd/containerd.sock", (string?)daemon["containerd"]);
        var configured = RootSnapshot.Take(root.Path);

        var second = await BuildProgram.RunIsolated(repository, everything);

        Assert.True(second.Exit == 0, second.Output);
        Assert.Empty(configured.Differences(RootSnapshot.Take(root.Path)));
        Assert.Contains($"{root.Map(KataConfig)} unchanged", second.Output);
        Assert.Contains($"{root.Map(DaemonJson)} unchanged", second.Output);
        Assert.Contains($"docker already installed ({root.Map("/usr/bin/dockerd")})", second.Output);

        var uninstallDryRun = await BuildProgram.RunIsolated(repository, "UninstallHost", "--sysroot", root.Path, "--dry-run");

        Assert.True(uninstallDryRun.Exit == 0, uninstallDryRun.Output);
        Assert.Empty(configured.Differences(RootSnapshot.Take(root.Path)));
        Assert.Contains($"would change {root.Map(DaemonJson)}:", uninstallDryRun.Output);
        Assert.Contains($"would delete {root.Map(KataConfig)}", uninstallDryRun.Output);

        var uninstall = await BuildProgram.RunIsolated(repository, "UninstallHost", "--sysroot", root.Path);

        Assert.True(uninstall.Exit == 0, uninstall.Output);
        Assert.Empty(pristine.Differences(RootSnapshot.Take(root.Path)));
    }

    static void Place(DebianTestRoot root, string absolutePath, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(root.Map(absolutePath))!);
        File.WriteAllText(root.Map(absolutePath), content);
    }
}
