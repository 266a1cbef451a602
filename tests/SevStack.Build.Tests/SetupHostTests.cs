using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SevStack.Engine.Caching;
using SevStack.Host;
using SevStack.Host.Tests.Support;
using SevStack.Kata.Tests.Support;
using SevStack.Packaging.Inputs;
using SevStack.Packaging.Outputs;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>
/// SetupHost, the operator command: the README's commands plan the whole chain (they need an SEV host and a real root to
/// run, so here they run with --plan, as written otherwise); CheckHost ends it as a report; a real run into a
/// debootstrapped root from a --debs folder that names its packages in its own manifest.json.
/// </summary>
public sealed partial class SetupHostTests
{
    static readonly string[] Chain = ["BuildKata", "BuildKernel", "BuildQemu", "BuildOvmf", "PackageDebs", "InstallHost", "InstallKataPackages", "ConfigureKata", "ConfigureDocker", "SetupHost", "CheckHost"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    // native: the same runs through the natively compiled program build.sh makes.
    public async Task Each_README_SetupHost_command_plans_the_whole_chain_with_CheckHost_last(bool native)
    {
        var commands = ReadmeSetupHostCommands();

        Assert.True(commands.Count >= 3, string.Join('\n', commands));
        foreach (var command in commands)
        {
            using var repository = new TempDirectory("sevstack-repo");
            var (exit, output) = await BuildProgram.RunIsolated(repository, native, [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1), "--plan"]);

            Assert.True(exit == 0, $"{command} --plan: {output}");
            var plan = PlanLine().Matches(output).ToDictionary(m => m.Groups["target"].Value, m => (Index: int.Parse(m.Groups["index"].Value), Reason: m.Groups["reason"].Value.Trim()));
            Assert.All(Chain, target => Assert.True(plan.ContainsKey(target), $"{command} --plan lacks {target}: {output}"));
            Assert.Equal(Chain, Chain.OrderBy(target => plan[target].Index));
            Assert.Equal("invoked", plan["SetupHost"].Reason);
            Assert.StartsWith("triggered by SetupHost", plan["CheckHost"].Reason, StringComparison.Ordinal);
            Assert.StartsWith("dependency of SetupHost", plan["ConfigureDocker"].Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CheckHost_ends_SetupHost_as_a_report_and_fails_when_invoked_itself()
    {
        using var host = new TempDirectory("sevstack-host");
        host.WriteFile("proc/cpuinfo", File.ReadAllText(SharedData.TestData("host", "cpuinfo-intel-xeon-e5640.txt")));
        string[] checks = ["--host-root", host.Path, "--kernel-log", SharedData.TestData("host", "dmesg-host-sev-init-failed.txt"), "--qemu-binary", "/nonexistent/qemu"];
        // The installing targets are skipped: this machine is the root, and only CheckHost's part is under test.
        string[] skipInstall = ["--skip", "BuildKata", "InstallHost", "ConfigureKata", "ConfigureDocker"];
        using var repository = new TempDirectory("sevstack-repo");

        var setup = await BuildProgram.RunIsolated(repository, ["SetupHost", .. skipInstall, .. checks]);
        var both = await BuildProgram.RunIsolated(repository, ["SetupHost", "CheckHost", .. skipInstall, .. checks]);

        Assert.True(setup.Exit == 0, setup.Output);
        Assert.Contains("CheckHost: cpu-vendor", setup.Output);
        Assert.Contains("failed (see the report above and ", setup.Output);
        Assert.Contains("; report only: SetupHost's changes apply after a reboot into the SEV kernel; then `./build.sh CheckHost` must pass", setup.Output);
        Assert.True(File.Exists(repository.Combine("artifacts", "reports", "CheckHost.json")));
        Assert.True(both.Exit == 1, both.Output);
        Assert.Contains("CheckHost failed: CheckHost: cpu-vendor", both.Output);
    }

    [Fact]
    public async Task SetupHost_into_a_root_installs_the_packages_the_debs_folder_names_configures_Kata_and_Docker_and_leaves_CheckHost_to_that_root()
    {
        using var fixtures = new FixturePackages();
        using var debs = new TempDirectory("sevstack-debs");
        WriteDebsFolder(debs, fixtures, FixturePackages.Kernel, FixturePackages.Qemu);
        using var root = new DebianTestRoot();
        // What the Kata 3.x package installs, and a Docker new enough for runtimeType that --docker-package none uses.
        Place(root, "/opt/kata/share/defaults/kata-containers/configuration-qemu-sev.toml", KataTemplate.RenderFile("kata", "3.x", "configuration-qemu-sev.toml.in"));
        foreach (var file in new[] { "/opt/kata/share/kata-containers/vmlinuz-confidential.container", "/opt/kata/share/kata-containers/kata-containers-initrd-confidential.img", "/opt/kata/share/ovmf/OVMF.fd", "/opt/kata/bin/containerd-shim-kata-v2" })
            Place(root, file, "fixture\n");
        Place(root, "/usr/bin/dockerd", "#!/bin/sh\necho 'Docker version 24.0.7, build afdd53b'\n");
        File.SetUnixFileMode(root.Map("/usr/bin/dockerd"), (UnixFileMode)0b111_101_101);
        using var repository = new TempDirectory("sevstack-repo");

        var (exit, output) = await BuildProgram.RunIsolated(repository, "SetupHost", "--sysroot", root.Path, "--debs", debs.Path, "--allow-unbootable-kernel-default", "--kata-version", "3.18.0", "--docker-package", "none");

        Assert.True(exit == 0, output);
        var state = HostChangeRecord.FromJson(File.ReadAllText(root.Map(HostChangeRecord.StatePath)), "state.json");
        var installed = state.InstalledPackages.Select(p => p.Name).ToList();
        Assert.Contains(FixturePackages.Kernel, installed);
        Assert.Contains(FixturePackages.Qemu, installed);
        Assert.DoesNotContain(FixturePackages.FailingPostinst, installed);
        Assert.Contains("/etc/kata-containers/configuration-sevstack.toml", state.CreatedFiles);
        Assert.Equal("/opt/kata/bin/containerd-shim-kata-v2", new FileInfo(root.Map("/usr/local/bin/containerd-shim-kata-v2")).LinkTarget);
        var daemon = JsonNode.Parse(File.ReadAllText(root.Map("/etc/docker/daemon.json")))!.AsObject();
        Assert.Equal("kata-sev", (string?)daemon["default-runtime"]);
        Assert.Equal("OnlyWhen: --sysroot names another root than this running machine: boot that root and run CheckHost there", BuildProgram.TargetNote(repository, "CheckHost"));
        Assert.False(File.Exists(repository.Combine("artifacts", "reports", "CheckHost.json")));
        Assert.Contains("BuildKata", output);
        Assert.Equal("OnlyWhen: --debs names the folder of packages to install, so PackageDebs packages no Kata", BuildProgram.TargetNote(repository, "BuildKata"));
    }

    [Fact]
    public async Task InstallHost_from_a_debs_folder_without_a_manifest_or_host_packages_stops_before_anything_runs()
    {
        using var fixtures = new FixturePackages();
        using var repository = new TempDirectory("sevstack-repo");
        using var root = new TempDirectory("sevstack-sysroot");

        var (exit, output) = await BuildProgram.RunIsolated(repository, "InstallHost", "--debs", fixtures.DebsFolder, "--sysroot", root.Path);

        Assert.Equal(2, exit);
        Assert.Equal($"error: Target InstallHost requires: No packages to install: --debs {fixtures.DebsFolder} has no manifest.json " +
                     $"({Path.Combine(fixtures.DebsFolder, "manifest.json")} does not exist; PackageDebs writes one into artifacts/debs): name the packages with --host-packages", output.Trim());
        Assert.Empty(Directory.GetFileSystemEntries(root.Path));
    }

    /// <summary>A --debs folder as PackageDebs leaves artifacts/debs: the packages and the manifest.json naming them.</summary>
    static void WriteDebsFolder(TempDirectory debs, FixturePackages fixtures, params string[] names)
    {
        var records = new List<PackageRecord>();
        foreach (var name in names)
        {
            var deb = Directory.GetFiles(fixtures.DebsFolder, $"{name}_*.deb").Single();
            var file = Path.GetFileName(deb);
            File.Copy(deb, debs.Combine(file));
            var version = file.Split('_')[1];
            records.Add(new PackageRecord(name, version, "amd64", "debs/" + file, FileHashes.Sha256(deb), new PackageSourceInfo("https://example.org/" + name, "fixture", []), "fixture-key"));
        }
        File.WriteAllText(debs.Combine("manifest.json"), new BuildManifest(records).InDebsFolder().ToJson());
    }

    static void Place(DebianTestRoot root, string absolutePath, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(root.Map(absolutePath))!);
        File.WriteAllText(root.Map(absolutePath), content);
    }

    /// <summary>The commands of README's "Setting up an SEV host" block that run SetupHost, comments removed.</summary>
    static List<string> ReadmeSetupHostCommands()
    {
        var readme = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "README.md"));
        var section = readme[readme.IndexOf("\n## Setting up an SEV host", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 1, StringComparison.Ordinal)];
        return section.Split('\n')
            .Where(line => line.StartsWith("./build.sh SetupHost", StringComparison.Ordinal))
            .Select(line => (line.Contains(" #", StringComparison.Ordinal) ? line[..line.IndexOf(" #", StringComparison.Ordinal)] : line).Trim())
            .ToList();
    }

    [GeneratedRegex(@"^\s*(?<index>\d+)\. (?<target>[A-Za-z]+)\s+(?<reason>.*)$", RegexOptions.Multiline)]
    private static partial Regex PlanLine();
}
