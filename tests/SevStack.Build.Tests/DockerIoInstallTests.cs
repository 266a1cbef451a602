using System.Text.Json.Nodes;
using SevStack.Host;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>
/// ConfigureDocker --docker-package docker.io through the real build program into a debootstrapped Debian 12 root: Kata
/// 3.x is refused (Debian 12's docker.io 20.10 ignores runtimeType); for Kata 1.x apt installs docker.io from Debian's
/// archive, a second run keeps it, and UninstallHost purges exactly what was installed.
/// </summary>
public sealed class DockerIoInstallTests
{
    const string DaemonJson = "/etc/docker/daemon.json";
    /// <summary>
    /// What maintainer scripts of docker.io and its dependencies create and no purge removes: system users and groups
    /// (docker among them) with shadow's backups, and in a bare debootstrapped root the files a booted host always has.
    /// </summary>
    static readonly string[] LeftByMaintainerScripts =
    [
        "/etc/group", "/etc/group-", "/etc/gshadow", "/etc/gshadow-", "/etc/hosts", "/etc/machine-id",
        "/etc/passwd", "/etc/passwd-", "/etc/shadow", "/etc/shadow-", "/run/adduser", "/run/needrestart", "/var/lib/dpkg/statoverride",
    ];

    [Fact]
    public async Task Kata_3_is_refused_before_debian_12_docker_io_is_installed_since_it_would_run_runc()
    {
        using var root = new DebianTestRoot();
        var pristine = RootSnapshot.Take(root.Path);
        using var repository = new TempDirectory("sevstack-repo");

        var refused = await BuildProgram.RunIsolated(repository, "ConfigureDocker", "--docker-package", "docker.io", "--kata-generation", "3", "--sysroot", root.Path);

        Assert.True(refused.Exit == 1, refused.Output);
        Assert.Contains($"Docker 20.10.24 in the root {root.Path} (docker.io 20.10.24", refused.Output);
        Assert.Contains("which apt would install) ignores runtimeType in daemon.json and would run kata-sev containers under runc", refused.Output);
        Assert.DoesNotContain("apt-get install", refused.Output);
        Assert.Empty(pristine.Differences(RootSnapshot.Take(root.Path)));
    }

    [Fact]
    public async Task Docker_io_is_installed_into_the_root_for_kata_1_kept_on_a_second_run_refused_for_kata_3_before_anything_runs_and_purged_by_UninstallHost()
    {
        using var root = new DebianTestRoot();
        Directory.CreateDirectory(root.Map("/opt/kata/bin"));
        File.WriteAllText(root.Map("/opt/kata/bin/kata-runtime"), "#!/bin/sh\n");
        var pristine = RootSnapshot.Take(root.Path);
        var groupsBefore = Groups(root).ToList();
        using var repository = new TempDirectory("sevstack-repo");
        string[] configure = ["ConfigureDocker", "--docker-package", "docker.io", "--kata-generation", "1", "--sysroot", root.Path];

        var dryRun = await BuildProgram.RunIsolated(repository, [.. configure, "--dry-run"]);

        Assert.True(dryRun.Exit == 0, dryRun.Output);
        Assert.Contains($"chroot {root.Path} apt-get install -y docker.io", dryRun.Output);
        Assert.Empty(pristine.Differences(RootSnapshot.Take(root.Path)));

        var first = await BuildProgram.RunIsolated(repository, configure);

        Assert.True(first.Exit == 0, first.Output);
        Assert.True(File.Exists(root.Map("/usr/sbin/dockerd")), first.Output);
        var daemon = JsonNode.Parse(File.ReadAllText(root.Map(DaemonJson)))!.AsObject();
        Assert.Equal("kata-sev", (string?)daemon["default-runtime"]);
        Assert.Equal("/opt/kata/bin/kata-runtime", (string?)daemon["runtimes"]!["kata-sev"]!["path"]);
        Assert.Equal(["--kata-config", "/etc/kata-containers/configuration-sevstack.toml"], daemon["runtimes"]!["kata-sev"]!["runtimeArgs"]!.AsArray().Select(a => (string?)a));
        var state = HostChangeRecord.FromJson(File.ReadAllText(root.Map(HostChangeRecord.StatePath)), "state.json");
        var recorded = state.InstalledPackages.Select(p => p.Name).ToList();
        Assert.Contains("docker.io", recorded);
        Assert.Contains("containerd", recorded);
        Assert.DoesNotContain(recorded, name => pristine.Entries.ContainsKey($"/var/lib/dpkg/info/{name}.list") || pristine.Entries.ContainsKey($"/var/lib/dpkg/info/{name}:amd64.list"));
        var configured = RootSnapshot.Take(root.Path);

        var second = await BuildProgram.RunIsolated(repository, configure);

        Assert.True(second.Exit == 0, second.Output);
        Assert.Contains("docker already installed (docker.io ", second.Output);
        Assert.Empty(configured.Differences(RootSnapshot.Take(root.Path)));

        var kata3 = await BuildProgram.RunIsolated(repository, "ConfigureDocker", "--kata-generation", "3", "--sysroot", root.Path);

        Assert.Equal(2, kata3.Exit);
        Assert.StartsWith($"error: Target ConfigureDocker requires: Docker 20.10.24 in the root {root.Path} (docker.io 20.10.24", kata3.Output.Trim());
        Assert.Single(kata3.Output.Trim().Split('\n'));
        Assert.Empty(configured.Differences(RootSnapshot.Take(root.Path)));

        var uninstall = await BuildProgram.RunIsolated(repository, "UninstallHost", "--sysroot", root.Path);

        Assert.True(uninstall.Exit == 0, uninstall.Output);
        var left = pristine.Differences(RootSnapshot.Take(root.Path));
        Assert.True(left.All(d => LeftByMaintainerScripts.Contains(d.Split(':')[0])), string.Join("\n", left));
        Assert.Contains("docker", Groups(root).Except(groupsBefore));
    }

    static IEnumerable<string> Groups(DebianTestRoot root) => File.ReadAllLines(root.Map("/etc/group")).Select(l => l.Split(':')[0]);
}
