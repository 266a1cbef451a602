using SevStack.Engine.Caching;
using SevStack.Toolkit.Processes;
using SevStack.Packaging.Apt;
using SevStack.Packaging.Inputs;
using SevStack.Packaging.Outputs;
using SevStack.Testing;

namespace SevStack.Packaging.Tests;

public sealed class PackageDebsPipelineTests
{
    [Fact]
    public async Task Writes_debs_checksums_manifest_and_a_signed_repository()
    {
        using var fixture = await StagedTreeFixture.CreateAsync(InstallPrefix.OptSevStack);
        using var artifacts = new TempDirectory("sevstack-artifacts");
        using var key = await ThrowawayGpgKey.CreateAsync();
        var kernelDeb = await KernelDebFixture.BuildAsync(fixture.Folder);
        Directory.CreateDirectory(artifacts.Combine("debs"));
        File.WriteAllText(artifacts.Combine("debs", "sevstack-hello_0.9-sevstack1_amd64.deb"), "stale package of an earlier run");
        var request = new PackageDebsRequest(artifacts.Path,
            [StagedTreeFixture.Spec(fixture.Staging(), InstallPrefix.OptSevStack)],
            [new KernelDebInput(kernelDeb, new PackageSourceInfo("https://kernel.example.org/linux.git", "v6.1.192", ["sev.patch"]), "kernel-key")],
            key.Key);

        var result = await new PackageDebsPipeline(Tools.Runner(), new MemoryBuildLog()).RunAsync(request);

        Assert.Equal([KernelDebFixture.FileName, "manifest.json", "sevstack-hello_1.2.3-sevstack1_amd64.deb"],
            Directory.GetFiles(artifacts.Combine("debs")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        await Tools.Runner().RunAsync(new CommandSpec("sha256sum", "--check", "--strict", "SHA256SUMS") { WorkingDirectory = artifacts.Path });

        var manifest = ReportJson.Deserialize<BuildManifest>(File.ReadAllText(artifacts.Combine("manifest.json")));
        Assert.Equal(["linux-image-6.1.192-sevtest", "sevstack-hello"], manifest.Packages.Select(p => p.Name));
        var kernel = manifest.Packages[0];
        Assert.Equal(("6.1.192-sevtest1", "amd64", "debs/" + KernelDebFixture.FileName, "kernel-key", "v6.1.192"),
            (kernel.Version, kernel.Architecture, kernel.File, kernel.CacheKey, kernel.Source.Revision));
        Assert.Equal(FileHashes.Sha256(artifacts.Combine(kernel.File)), kernel.Sha256);
        Assert.Equal(result.Manifest.Packages.Select(p => p.Sha256), manifest.Packages.Select(p => p.Sha256));
        // The debs folder alone (CI's artifact, InstallHost --debs) names its packages, files relative to itself.
        var folderManifest = ReportJson.Deserialize<BuildManifest>(File.ReadAllText(artifacts.Combine("debs", "manifest.json")));
        Assert.Equal(manifest.Packages.Select(p => (p.Name, p.Version, p.Sha256, p.Source.Revision, p.CacheKey, File: p.File["debs/".Length..])),
            folderManifest.Packages.Select(p => (p.Name, p.Version, p.Sha256, p.Source.Revision, p.CacheKey, p.File)));
        Assert.All(folderManifest.Packages, p => Assert.Equal(p.Sha256, FileHashes.Sha256(artifacts.Combine("debs", p.File))));

        var apt = artifacts.Combine("apt");
        var packages = File.ReadAllText(Path.Combine(apt, "Packages"));
        Assert.Contains("Package: sevstack-hello\n", packages);
        Assert.Contains($"Filename: ./{KernelDebFixture.FileName}\n", packages);
        Assert.Contains($"SHA256: {kernel.Sha256}\n", packages);
        Assert.Contains("\nDescription: test program for SevStack packaging\n A tiny program", packages);
        var unzipped = await Tools.Output("gzip", "-dc", Path.Combine(apt, "Packages.gz"));
        Assert.Equal(packages, unzipped);

        var release = File.ReadAllText(Path.Combine(apt, "Release"));
        Assert.Contains("Date: Tue, 14 Nov 2023 22:13:20 UTC\n", release);
        Assert.Contains($" {FileHashes.Sha256(Path.Combine(apt, "Packages"))} {new FileInfo(Path.Combine(apt, "Packages")).Length} Packages\n", release);
        Assert.Contains($" {FileHashes.Sha256(Path.Combine(apt, "Packages.gz"))} {new FileInfo(Path.Combine(apt, "Packages.gz")).Length} Packages.gz\n", release);

        var verified = await Tools.Run("gpgv", "--keyring", Path.Combine(apt, AptRepository.KeyringFileName), Path.Combine(apt, "InRelease"));
        Assert.True(verified.Succeeded, verified.StandardError);
        Assert.Contains(release, File.ReadAllText(Path.Combine(apt, "InRelease")).Replace("\n- ", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_signing_key_is_one_clear_error()
    {
        using var fixture = await StagedTreeFixture.CreateAsync(InstallPrefix.UsrLocal);
        using var artifacts = new TempDirectory("sevstack-artifacts");
        using var key = await ThrowawayGpgKey.CreateAsync();
        var request = new PackageDebsRequest(artifacts.Path, [StagedTreeFixture.Spec(fixture.Staging(), InstallPrefix.UsrLocal)], [],
            key.Key with { KeyId = "0000000000000000000000000000000000000000" });

        var error = await Assert.ThrowsAsync<SevStack.Toolkit.BuildException>(() => new PackageDebsPipeline(Tools.Runner(), new MemoryBuildLog()).RunAsync(request));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("Signing key '0000000000000000000000000000000000000000' has no secret key", error.Message);
    }

    [Fact]
    public async Task A_missing_kernel_package_is_named()
    {
        using var artifacts = new TempDirectory("sevstack-artifacts");
        var missing = artifacts.Combine("linux-image-6.1.192-sev_6.1.192-sev1_amd64.deb");

        var error = await Assert.ThrowsAsync<SevStack.Toolkit.BuildException>(() => new KernelDebCollector(Tools.Runner())
            .CollectAsync(new KernelDebInput(missing, new PackageSourceInfo("u", "r", []), "k"), artifacts.Path));

        Assert.Equal($"Kernel package {missing} not found: build the kernel packages first (make bindeb-pkg writes them beside the build folder).", error.Message);
    }

    [Fact]
    public async Task Dry_run_writes_nothing()
    {
        using var fixture = await StagedTreeFixture.CreateAsync(InstallPrefix.UsrLocal);
        using var artifacts = new TempDirectory("sevstack-artifacts");
        var log = new MemoryBuildLog();
        var dryRun = new DryRunCommandRunner(log, Privilege.Detect(), Tools.Runner());
        var request = new PackageDebsRequest(artifacts.Path, [StagedTreeFixture.Spec(fixture.Staging(), InstallPrefix.UsrLocal)], []);

        var result = await new PackageDebsPipeline(dryRun, log).RunAsync(request);

        Assert.Equal("debs/sevstack-hello_1.2.3-sevstack1_amd64.deb", Assert.Single(result.Manifest.Packages).File);
        Assert.Empty(Directory.EnumerateFileSystemEntries(artifacts.Path));
        Assert.Contains(log.Lines, l => l.StartsWith("would run: ", StringComparison.Ordinal) && l.Contains(" dpkg-deb --root-owner-group ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Linux_libc_dev_ships_only_when_asked_for()
    {
        using var folder = new TempDirectory("sevstack-kernel");
        var deb = await KernelDebFixture.BuildAsync(folder.Path, "linux-libc-dev", "linux-libc-dev_6.1.192-sevtest1_amd64.deb");
        var input = new KernelDebInput(deb, new PackageSourceInfo("u", "r", []), "k");
        var output = folder.Combine("out");
        Directory.CreateDirectory(output);
        var collector = new KernelDebCollector(Tools.Runner());

        var error = await Assert.ThrowsAsync<SevStack.Toolkit.BuildException>(() => collector.CollectAsync(input, output));
        Assert.Contains("is linux-libc-dev, which would replace Debian's own", error.Message);
        Assert.Empty(Directory.GetFiles(output));

        var record = await collector.CollectAsync(input, output, includeLinuxLibcDev: true);
        Assert.Equal(("linux-libc-dev", "6.1.192-sevtest1"), (record.Name, record.Version));
        Assert.Equal(FileHashes.Sha256(deb), FileHashes.Sha256(Path.Combine(output, record.File)));
    }
}
