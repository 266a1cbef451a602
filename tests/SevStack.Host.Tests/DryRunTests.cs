using SevStack.Host.Tests.Support;
using SevStack.Testing;

namespace SevStack.Host.Tests;

[Collection(FixtureCollection.Name)]
public sealed class DryRunTests(FixturePackagesHolder fixtures)
{
    [Fact]
    public async Task A_dry_run_prints_every_command_and_file_diff_and_changes_nothing()
    {
        using var root = new DebianTestRoot();
        var before = RootSnapshot.Take(root.Path, contentOnly: false);
        var harness = new HostHarness(root.Path, dryRun: true);

        await harness.Installer().InstallAsync(new InstallHostRequest
        {
            PackageNames = [FixturePackages.Kernel, FixturePackages.Qemu],
            RepositoryFolder = fixtures.Packages.RepositoryFolder,
            KvmAmd = new KvmAmdOptions(SevEs: true),
            KernelCommandLine = "mem_encrypt=on kvm_amd.sev=1",
        });

        Assert.Empty(before.Differences(RootSnapshot.Take(root.Path, contentOnly: false)));
        var output = string.Join("\n", harness.Log.Lines)
            .Replace(root.Path, "<root>", StringComparison.Ordinal)
            .Replace(fixtures.Packages.RepositoryFolder, "<repo>", StringComparison.Ordinal);
        Approved.Verify(output, "install");
    }
}
