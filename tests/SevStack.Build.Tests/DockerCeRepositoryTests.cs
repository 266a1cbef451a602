using SevStack.Build.Tests.Support;
using SevStack.Toolkit;
using SevStack.Toolkit.Files;
using SevStack.Toolkit.Processes;
using SevStack.Host;
using SevStack.Docker;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>
/// docker-ce through a signed apt repository laid out like Docker's, served on 127.0.0.1, into a debootstrapped Debian 12
/// root: refused with a key of the wrong fingerprint (nothing left behind), installed with the right one through a keyring
/// and Signed-By, and purged again by UninstallHost.
/// </summary>
public sealed class DockerCeRepositoryTests
{
    const string WrongFingerprint = "0123456789ABCDEF0123456789ABCDEF01234567";

    [Fact]
    public async Task A_wrong_key_is_refused_leaving_nothing_the_right_key_installs_through_signed_by_and_UninstallHost_purges_it()
    {
        using var root = new DebianTestRoot();
        using var repository = FakeAptRepository.DockerCe("bookworm");
        var target = new TargetRoot(root.Path);
        var pristine = RootSnapshot.Take(root.Path);

        var (refusal, _) = await ConfigureDockerAsync(target, new DockerRepository(repository.Url, WrongFingerprint));

        var error = Assert.IsType<BuildException>(refusal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains($"has fingerprint {repository.Fingerprint}, not the expected {WrongFingerprint}", error.Message);
        Assert.False(File.Exists(root.Map(DockerInstallPlan.SourcesPath)));
        Assert.False(File.Exists(root.Map(DockerInstallPlan.KeyPath)));
        Assert.DoesNotContain(DockerInstallPlan.DockerCePackages, (await PresentAsync(target)).ContainsKey);
        Assert.Empty(pristine.Differences(RootSnapshot.Take(root.Path)));

        var (failure, log) = await ConfigureDockerAsync(target, new DockerRepository(repository.Url, repository.Fingerprint));

        Assert.Null(failure);
        var present = await PresentAsync(target);
        Assert.All(DockerInstallPlan.DockerCePackages, name => Assert.True(present.ContainsKey(name), name));
        Assert.True(File.Exists(root.Map("/usr/bin/dockerd")));
        Assert.Contains($"Signed-By: {DockerInstallPlan.KeyPath}\n", File.ReadAllText(root.Map(DockerInstallPlan.SourcesPath)));
        Assert.Contains($"URIs: {repository.Url}\n", File.ReadAllText(root.Map(DockerInstallPlan.SourcesPath)));
        Assert.Contains(repository.Requests, r => r.Path == "/dists/bookworm/InRelease");
        Assert.DoesNotContain(log.Lines, l => l.Contains("apt-key", StringComparison.Ordinal));
        Assert.False(File.Exists(root.Map("/etc/apt/trusted.gpg")));
        var state = HostChangeRecord.FromJson(File.ReadAllText(root.Map(HostChangeRecord.StatePath)), "state.json");
        Assert.Equal(DockerInstallPlan.DockerCePackages.Order(StringComparer.Ordinal), state.InstalledPackages.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains(DockerInstallPlan.KeyPath, state.CreatedFiles);
        Assert.Contains(DockerInstallPlan.SourcesPath, state.CreatedFiles);

        var uninstallLog = new MemoryBuildLog();
        await new HostUninstaller(target, new CliWrapCommandRunner(uninstallLog, AsRoot), new FileWriter(uninstallLog), AsRoot, uninstallLog).UninstallAsync();

        Assert.Empty(pristine.Differences(RootSnapshot.Take(root.Path)));
    }

    [Fact]
    public async Task When_apt_fails_half_way_the_packages_it_installed_are_purged_and_the_files_restored()
    {
        using var root = new DebianTestRoot();
        using var repository = FakeAptRepository.DockerCe("bookworm", dockerCeFailsToConfigure: true);
        var target = new TargetRoot(root.Path);
        var pristine = RootSnapshot.Take(root.Path);

        var (failure, log) = await ConfigureDockerAsync(target, new DockerRepository(repository.Url, repository.Fingerprint));

        var error = Assert.IsType<BuildException>(failure);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("apt-get install -y docker-ce docker-ce-cli containerd.io", error.Message);
        Assert.Contains("the files it had changed were restored", error.Message);
        Assert.Contains(log.Lines, l => l.Contains("purged the packages this run had installed", StringComparison.Ordinal));
        Assert.DoesNotContain(DockerInstallPlan.DockerCePackages, (await PresentAsync(target)).ContainsKey);
        Assert.Empty(pristine.Differences(RootSnapshot.Take(root.Path)));
    }

    static readonly Privilege AsRoot = new(IsRoot: true);

    /// <summary>Installs Docker the way ConfigureDocker does (checked, recorded, rolled back on failure), with the test's repository and key.</summary>
    static async Task<(Exception? Failure, MemoryBuildLog Log)> ConfigureDockerAsync(TargetRoot target, DockerRepository repository)
    {
        var log = new MemoryBuildLog();
        var runner = new CliWrapCommandRunner(log, AsRoot);
        try
        {
            await new HostChangeSession(target, runner, new FileWriter(log), AsRoot, log).RunAsync("ConfigureDocker", DockerRuntimeRegistration.NeedsRootFor,
                async changes => (await new DockerInstaller(log).EnsureAsync(DockerPackageSource.DockerCe, changes, repository: repository)).Changed);
            return (null, log);
        }
        catch (BuildException e)
        {
            return (e, log);
        }
    }

    static Task<IReadOnlyDictionary<string, PackageStatus>> PresentAsync(TargetRoot target) =>
        new PackageManager(target, new CliWrapCommandRunner(new MemoryBuildLog(), AsRoot)).PresentAsync();
}
