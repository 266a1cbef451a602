using SevStack.Engine;
using SevStack.Engine.Processes;
using SevStack.Kata.Docker;
using SevStack.Kata.Tests.Support;
using SevStack.Testing;

namespace SevStack.Kata.Tests.Docker;

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
        var steps = DockerInstallPlan.For(DockerPackageSource.DistroDockerIo, "debian", "bookworm");
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
        Assert.Null(GpgKeyFingerprint.Check(ColonsFor(DockerFpr), DockerInstallPlan.DockerKeyFingerprint, "k"));
        Assert.Contains($"has fingerprint {other}, not Docker's published {DockerFpr}", GpgKeyFingerprint.Check(ColonsFor(other), DockerInstallPlan.DockerKeyFingerprint, "k"));
        Assert.Contains("holds 2 keys", GpgKeyFingerprint.Check(ColonsFor(DockerFpr, other), DockerInstallPlan.DockerKeyFingerprint, "k"));
        Assert.Contains("holds no OpenPGP public key", GpgKeyFingerprint.Check("", DockerInstallPlan.DockerKeyFingerprint, "k"));
    }

    [Fact]
    public async Task In_a_sysroot_packages_install_through_chroot_and_the_source_file_lands_in_the_root()
    {
        using var root = new KataRoot();
        var keyFile = root.Map(DockerInstallPlan.KeyPath);
        var runner = new RecordingCommandRunner().Answer($"gpg --show-keys --with-colons {keyFile}", 0, ColonsFor(DockerFpr));

        await new DockerInstaller(new MemoryBuildLog()).RunAsync(DockerInstallPlan.For(DockerPackageSource.DockerCe, "debian", "bookworm"), root.Changes(runner: runner));

        Assert.Contains($"env DEBIAN_FRONTEND=noninteractive chroot {root.Path} apt-get install -y docker-ce docker-ce-cli containerd.io", runner.CommandLines);
        Assert.Contains($"curl -fsSL https://download.docker.com/linux/debian/gpg -o {keyFile}", runner.CommandLines);
        Assert.Equal(
            "Types: deb\nURIs: https://download.docker.com/linux/debian\nSuites: bookworm\nComponents: stable\nArchitectures: amd64\nSigned-By: /etc/apt/keyrings/docker.asc\n",
            root.Read(DockerInstallPlan.SourcesPath));
        Assert.Equal([DockerInstallPlan.KeyPath, DockerInstallPlan.SourcesPath], root.Record.CreatedFiles);
    }

    [Fact]
    public async Task A_wrong_key_stops_the_install_before_the_repository_is_added()
    {
        using var root = new KataRoot();
        var keyFile = root.Map(DockerInstallPlan.KeyPath);
        var runner = new RecordingCommandRunner().Answer($"gpg --show-keys --with-colons {keyFile}", 0, ColonsFor("0123456789ABCDEF0123456789ABCDEF01234567"));

        await Assert.ThrowsAsync<BuildException>(() =>
            new DockerInstaller(new MemoryBuildLog()).RunAsync(DockerInstallPlan.For(DockerPackageSource.DockerCe, "ubuntu", "noble"), root.Changes(runner: runner)));

        Assert.False(root.Exists(DockerInstallPlan.SourcesPath));
        Assert.DoesNotContain(runner.CommandLines, l => l.Contains("docker-ce", StringComparison.Ordinal));
    }
}
