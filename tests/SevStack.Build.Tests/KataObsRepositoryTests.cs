using SevStack.Build.Tests.Support;
using SevStack.Host;
using SevStack.Kata.Packages;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>
/// InstallKataPackages through the real build program into a debootstrapped Debian 12 root, from a flat repository laid
/// out like Kata 1.x's openSUSE OBS one and served on 127.0.0.1: a dry run changes nothing, a key of the wrong fingerprint
/// is refused leaving nothing behind, the right one installs kata-runtime, kata-proxy and kata-shim through a keyring and
/// Signed-By, a second run changes nothing, and UninstallHost purges them.
/// </summary>
public sealed class KataObsRepositoryTests
{
    const string WrongFingerprint = "0123456789ABCDEF0123456789ABCDEF01234567";
    const string KeyPath = "/etc/apt/keyrings/kata-containers.asc";
    const string SourcesPath = "/etc/apt/sources.list.d/kata-containers.sources";
    const string DefaultConfiguration = "/usr/share/defaults/kata-containers/configuration.toml";
    static readonly string Configuration = File.ReadAllText(SharedData.TestData("kata", "1.x", "configuration.toml"));

    [Fact]
    public async Task A_wrong_key_is_refused_leaving_nothing_the_right_key_installs_through_signed_by_once_and_UninstallHost_purges_it()
    {
        using var root = new DebianTestRoot();
        using var repository = FakeAptRepository.KataObs(Configuration);
        using var workspace = new TempDirectory("sevstack-repo");
        var pristine = RootSnapshot.Take(root.Path);
        string[] Install(string fingerprint) =>
            ["InstallKataPackages", "--kata-generation", "1", "--kata-apt-repository", repository.Url, "--kata-apt-key-fingerprint", fingerprint, "--sysroot", root.Path];

        var dryRun = await BuildProgram.RunIsolated(workspace, [.. Install(repository.Fingerprint), "--dry-run"]);

        Assert.True(dryRun.Exit == 0, dryRun.Output);
        Assert.Contains($"chroot {root.Path} apt-get install -y kata-runtime kata-proxy kata-shim", dryRun.Output);
        Assert.Empty(pristine.Differences(RootSnapshot.Take(root.Path)));
        Assert.Empty(repository.Requests);

        var refused = await BuildProgram.RunIsolated(workspace, Install(WrongFingerprint));

        Assert.Equal(1, refused.Exit);
        var error = FailureLine(refused.Output);
        Assert.Contains($"has fingerprint {repository.Fingerprint}, not the expected {WrongFingerprint}", error);
        Assert.EndsWith("run InstallKataPackages again", error);
        Assert.DoesNotContain(repository.Requests, r => r.Path != "/Release.key");
        Assert.Empty(pristine.Differences(RootSnapshot.Take(root.Path)));

        var installed = await BuildProgram.RunIsolated(workspace, Install(repository.Fingerprint));

        Assert.True(installed.Exit == 0, installed.Output);
        var present = await PresentAsync(root);
        Assert.All(KataPackagesInstaller.Packages, name => Assert.True(present.TryGetValue(name, out var status) && status.IsFullyInstalled, name));
        Assert.Equal(Configuration, File.ReadAllText(root.Map(DefaultConfiguration)));
        var source = File.ReadAllText(root.Map(SourcesPath));
        Assert.Equal($"Types: deb\nURIs: {repository.Url}\nSuites: /\nArchitectures: amd64\nSigned-By: {KeyPath}\n", source);
        Assert.Contains(repository.Requests, r => r.Path == "/InRelease");
        var log = File.ReadAllText(workspace.Combine("artifacts", "logs", "InstallKataPackages.log"));
        Assert.Contains($"fingerprint {repository.Fingerprint} verified", log);
        Assert.DoesNotContain("apt-key", log + installed.Output);
        Assert.False(File.Exists(root.Map("/etc/apt/trusted.gpg")));
        var state = HostChangeRecord.FromJson(File.ReadAllText(root.Map(HostChangeRecord.StatePath)), "state.json");
        Assert.Equal(KataPackagesInstaller.Packages.Order(StringComparer.Ordinal), state.InstalledPackages.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains(KeyPath, state.CreatedFiles);
        Assert.Contains(SourcesPath, state.CreatedFiles);
        var configured = RootSnapshot.Take(root.Path);

        var again = await BuildProgram.RunIsolated(workspace, Install(repository.Fingerprint));

        Assert.True(again.Exit == 0, again.Output);
        Assert.Contains("already installed (kata-runtime 1.12.1-1, kata-proxy 1.12.1-1, kata-shim 1.12.1-1)", BuildProgram.TargetNote(workspace, "InstallKataPackages"));
        Assert.Empty(configured.Differences(RootSnapshot.Take(root.Path)));

        var uninstall = await BuildProgram.RunIsolated(workspace, "UninstallHost", "--sysroot", root.Path);

        Assert.True(uninstall.Exit == 0, uninstall.Output);
        Assert.Empty(pristine.Differences(RootSnapshot.Take(root.Path)));
    }

    [Fact]
    public async Task When_apt_fails_half_way_the_packages_it_installed_are_purged_and_the_key_and_source_removed()
    {
        using var root = new DebianTestRoot();
        using var repository = FakeAptRepository.KataObs(Configuration, kataRuntimeFailsToConfigure: true);
        using var workspace = new TempDirectory("sevstack-repo");
        var pristine = RootSnapshot.Take(root.Path);

        var (exit, output) = await BuildProgram.RunIsolated(workspace, "InstallKataPackages", "--kata-generation", "1",
            "--kata-apt-repository", repository.Url, "--kata-apt-key-fingerprint", repository.Fingerprint, "--sysroot", root.Path);

        Assert.Equal(1, exit);
        var error = FailureLine(output);
        Assert.Contains("apt-get install -y kata-runtime kata-proxy kata-shim", error);
        Assert.Contains("the files it had changed were restored", error);
        Assert.Contains("purged the packages this run had installed", File.ReadAllText(workspace.Combine("artifacts", "logs", "InstallKataPackages.log")));
        Assert.DoesNotContain(KataPackagesInstaller.Packages, (await PresentAsync(root)).ContainsKey);
        Assert.Empty(pristine.Differences(RootSnapshot.Take(root.Path)));
    }

    /// <summary>The line that reports the failure; the whole message is on it.</summary>
    static string FailureLine(string output) =>
        output.Split('\n').Select(l => l.TrimEnd()).First(l => l.Contains("InstallKataPackages failed:", StringComparison.Ordinal));

    static Task<IReadOnlyDictionary<string, PackageStatus>> PresentAsync(DebianTestRoot root) =>
        new PackageManager(new TargetRoot(root.Path), new SevStack.Toolkit.Processes.CliWrapCommandRunner(new SevStack.Toolkit.Processes.MemoryBuildLog(), new(IsRoot: true))).PresentAsync();
}
