using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Host.Apt;
using SevStack.Testing;

namespace SevStack.Docker.Tests;

public class DockerInstallTests
{
    const string DockerFpr = "9DC858229FC7DD38854AE2D88D81803C0EBFCD88";

    static string ColonsFor(params string[] primaryFingerprints) => string.Concat(primaryFingerprints.Select(f =>
        $"pub:-:4096:1:{f[^16..]}:1487788586:::-:::scESA::::::23::0:\nfpr:::::::::{f}:\nuid:-::::1487788586::B6DC6BBE15D2C1D4E5E3CCA2CD89D8D5AAF1C75E::Docker Release (CE deb) <docker@docker.com>::::::::::0:\n" +
        "sub:-:4096:1:7EA0A9C3F273FCD8:1487792064::::::s::::::23:\nfpr:::::::::D3306A018370199E527AE7997EA0A9C3F273FCD8:\n"));

    [Fact]
    public void Docker_ce_plan_uses_a_keyring_and_a_deb822_source()
    {
        var steps = DockerInstallPlan.For(DockerPackageSource.DockerCe, "ubuntu", "noble");
        Approved.Verify(string.Join("\n", steps.Select(s => s.Describe())), "docker-ce-plan");
        Assert.DoesNotContain(steps, s => s.Describe().Contains("apt-key", StringComparison.Ordinal));
    }

    [Fact]
    public void Distro_plan_installs_docker_io_only()
    {
        var steps = DockerInstallPlan.For(DockerPackageSource.DockerIo, "debian", "bookworm");
        Assert.Equal(
            ["env DEBIAN_FRONTEND=noninteractive apt-get update", "env DEBIAN_FRONTEND=noninteractive apt-get install -y docker.io"],
            steps.Select(s => s.Describe()));
    }

    [Fact]
    public void Unknown_distribution_is_refused_for_docker_ce() =>
        Assert.Contains("use --docker-package docker.io",
            Assert.Throws<BuildException>(() => DockerInstallPlan.For(DockerPackageSource.DockerCe, "fedora", "40")).Message, StringComparison.Ordinal);

    [Fact]
    public void Fingerprint_check_accepts_only_dockers_key_alone()
    {
        const string other = "0123456789ABCDEF0123456789ABCDEF01234567";
        Assert.Null(GpgKeyFingerprint.Check(ColonsFor(DockerFpr), DockerRepository.PublishedKeyFingerprint, "k"));
        Assert.Contains($"has fingerprint {other}, not the expected {DockerFpr}", GpgKeyFingerprint.Check(ColonsFor(other), DockerRepository.PublishedKeyFingerprint, "k"));
        Assert.Contains("holds 2 keys", GpgKeyFingerprint.Check(ColonsFor(DockerFpr, other), DockerRepository.PublishedKeyFingerprint, "k"));
        Assert.Contains("holds no OpenPGP public key", GpgKeyFingerprint.Check("", DockerRepository.PublishedKeyFingerprint, "k"));
    }

    [Fact]
    public async Task In_a_sysroot_packages_install_through_chroot_and_the_source_file_lands_in_the_root()
    {
        using var root = new TempSysroot();
        var keyFile = root.Map(DockerInstallPlan.KeyPath);
        var runner = new RecordingCommandRunner().Answer($"gpg --show-keys --with-colons {keyFile}", 0, ColonsFor(DockerFpr));

        await new AptInstaller(new MemoryBuildLog()).RunAsync(DockerInstallPlan.For(DockerPackageSource.DockerCe, "debian", "bookworm", intoSysroot: true), root.Changes(runner: runner));

        Assert.Contains($"env DEBIAN_FRONTEND=noninteractive chroot {root.Path} apt-get install -y docker-ce docker-ce-cli containerd.io", runner.CommandLines);
        Assert.Contains($"curl -fsSL https://download.docker.com/linux/debian/gpg -o {keyFile}", runner.CommandLines);
        Assert.Contains($"env DEBIAN_FRONTEND=noninteractive chroot {root.Path} apt-get install -y ca-certificates", runner.CommandLines);
        Assert.Equal(
            "Types: deb\nURIs: https://download.docker.com/linux/debian\nSuites: bookworm\nComponents: stable\nArchitectures: amd64\nSigned-By: /etc/apt/keyrings/docker.asc\n",
            root.Read(DockerInstallPlan.SourcesPath));
        Assert.Equal([DockerInstallPlan.KeyPath, DockerInstallPlan.SourcesPath], root.Record.CreatedFiles);
    }

    [Fact]
    public async Task A_wrong_key_stops_the_install_before_the_repository_is_added()
    {
        using var root = new TempSysroot();
        var keyFile = root.Map(DockerInstallPlan.KeyPath);
        var runner = new RecordingCommandRunner().Answer($"gpg --show-keys --with-colons {keyFile}", 0, ColonsFor("0123456789ABCDEF0123456789ABCDEF01234567"));

        await Assert.ThrowsAsync<BuildException>(() =>
            new AptInstaller(new MemoryBuildLog()).RunAsync(DockerInstallPlan.For(DockerPackageSource.DockerCe, "ubuntu", "noble"), root.Changes(runner: runner)));

        Assert.False(root.Exists(DockerInstallPlan.SourcesPath));
        Assert.DoesNotContain(runner.CommandLines, l => l.Contains("docker-ce", StringComparison.Ordinal));
    }

    [Fact]
    public void A_mirror_replaces_the_url_but_keeps_dockers_key()
    {
        var mirror = DockerRepository.Official("debian", "http://mirror.example.org/docker-ce/linux/debian/");
        var steps = DockerInstallPlan.For(DockerPackageSource.DockerCe, "debian", "bookworm", mirror, intoSysroot: true);

        Assert.Equal(new DockerRepository("http://mirror.example.org/docker-ce/linux/debian", DockerRepository.PublishedKeyFingerprint), mirror);
        Assert.Contains("curl -fsSL http://mirror.example.org/docker-ce/linux/debian/gpg -o /etc/apt/keyrings/docker.asc", steps.Select(s => s.Describe()));
        Assert.DoesNotContain(steps, s => s.Describe().Contains("ca-certificates", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_root_with_dockerd_is_left_alone_whatever_the_package_source()
    {
        using var root = new TempSysroot().With("/usr/bin/dockerd", "#!/bin/sh\n");
        var runner = new RecordingCommandRunner();

        var outcome = await new DockerInstaller(new MemoryBuildLog()).EnsureAsync(DockerPackageSource.DockerCe, root.Changes(runner: runner));

        Assert.False(outcome.Changed);
        Assert.Equal($"docker already installed ({root.Map("/usr/bin/dockerd")})", outcome.Note);
        Assert.All(runner.CommandLines, l => Assert.StartsWith("dpkg-query", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_installed_docker_package_is_named_with_its_version()
    {
        using var root = new TempSysroot();
        var dpkgQuery = new CommandSpec("dpkg-query", $"--admindir={root.Map("/var/lib/dpkg")}", "-W", "-f=${Package}\t${Version}\t${db:Status-Abbrev}\n").Describe();
        var runner = new RecordingCommandRunner().Answer(dpkgQuery, 0, "docker.io\t20.10.24+dfsg1-1+b3\tii \n");

        var outcome = await new DockerInstaller(new MemoryBuildLog()).EnsureAsync(DockerPackageSource.DockerIo, root.Changes(runner: runner));

        Assert.Equal("docker already installed (docker.io 20.10.24+dfsg1-1+b3)", outcome.Note);
    }

    [Fact]
    public async Task None_without_docker_fails_with_one_line()
    {
        using var root = new TempSysroot();

        var error = await Assert.ThrowsAsync<BuildException>(() =>
            new DockerInstaller(new MemoryBuildLog()).EnsureAsync(DockerPackageSource.None, root.Changes()));

        Assert.Equal($"--docker-package none, but the root {root.Path} has no Docker (no {root.Map("/usr/bin/dockerd")} or {root.Map("/usr/sbin/dockerd")}); install Docker there first, or pass --docker-package docker-ce or docker.io", error.Message);
    }

    [Fact]
    public async Task A_dry_run_lists_the_steps_and_changes_nothing()
    {
        using var root = new TempSysroot().With("/etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n");
        var log = new MemoryBuildLog();
        var runner = new RecordingCommandRunner(isDryRun: true);

        var outcome = await new DockerInstaller(log).EnsureAsync(DockerPackageSource.DockerCe, root.Changes(log, runner));

        Assert.Equal("would install docker-ce", outcome.Note);
        Assert.Contains($"env DEBIAN_FRONTEND=noninteractive chroot {root.Path} apt-get install -y docker-ce docker-ce-cli containerd.io", runner.CommandLines);
        Assert.False(root.Exists(DockerInstallPlan.SourcesPath));
        Assert.Empty(root.Record.CreatedFiles);
    }
}
