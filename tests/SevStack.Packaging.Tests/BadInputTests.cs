using SevStack.Toolkit;
using SevStack.Packaging.Inputs;
using SevStack.Testing;

namespace SevStack.Packaging.Tests;

public sealed class BadInputTests
{
    static void AssertOneClearLine(BuildException error, params string[] mentions)
    {
        Assert.DoesNotContain('\n', error.Message);
        foreach (var mention in mentions)
            Assert.Contains(mention, error.Message);
    }

    static void AssertNoPackageLeft(string folder)
    {
        if (Directory.Exists(folder))
            Assert.DoesNotContain(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories),
                f => f.EndsWith(".deb", StringComparison.Ordinal) || f.EndsWith(".partial", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_staged_tree_is_named_with_what_to_do()
    {
        using var artifacts = new TempDirectory("sevstack-artifacts");
        var spec = StagedTreeFixture.Spec(artifacts.Combine("no-such-staging"), InstallPrefix.UsrLocal);
        var request = new PackageDebsRequest(artifacts.Path, [spec], []);

        var error = await Assert.ThrowsAsync<BuildException>(() => new PackageDebsPipeline(Tools.Runner(), new SevStack.Toolkit.Processes.MemoryBuildLog()).RunAsync(request));

        AssertOneClearLine(error, "Staged tree of package sevstack-hello not found", artifacts.Combine("no-such-staging"), "run the component build first");
        AssertNoPackageLeft(artifacts.Path);
    }

    [Theory]
    [InlineData("1.0 beta", "sevstack1", "embedded spaces")]
    [InlineData("v1.0", "sevstack1", "does not start with digit")]
    [InlineData("1.0", "sev_stack", "invalid character in revision number")]
    public async Task A_version_dpkg_rejects_is_refused_before_anything_is_built(string upstream, string suffix, string reason)
    {
        using var fixture = await StagedTreeFixture.CreateAsync(InstallPrefix.UsrLocal);
        using var output = new TempDirectory("sevstack-debs");
        var spec = StagedTreeFixture.Spec(fixture.Staging(), InstallPrefix.UsrLocal) with { UpstreamVersion = upstream, BuildSuffix = suffix };

        var error = await Assert.ThrowsAsync<BuildException>(() => new DebPackageBuilder(Tools.Runner()).BuildAsync(spec, output.Path));

        AssertOneClearLine(error, $"Version '{upstream}-{suffix}' of package sevstack-hello is rejected by dpkg", reason);
        AssertNoPackageLeft(output.Path);
    }

    [Fact]
    public async Task An_unwritable_artifacts_folder_fails_before_building()
    {
        using var fixture = await StagedTreeFixture.CreateAsync(InstallPrefix.UsrLocal);
        using var artifacts = new TempDirectory("sevstack-artifacts");
        // Root ignores permission bits, so block the folder the way that stops root too: a file where debs/ must go.
        File.WriteAllText(artifacts.Combine("debs"), "not a folder");
        var request = new PackageDebsRequest(artifacts.Path, [StagedTreeFixture.Spec(fixture.Staging(), InstallPrefix.UsrLocal)], []);

        var error = await Assert.ThrowsAsync<BuildException>(() => new PackageDebsPipeline(Tools.Runner(), new SevStack.Toolkit.Processes.MemoryBuildLog()).RunAsync(request));

        AssertOneClearLine(error, $"Artifacts folder {artifacts.Combine("debs")} is not writable", "fix its permissions");
        AssertNoPackageLeft(artifacts.Path);
    }

    [Fact]
    public async Task A_failing_dpkg_deb_leaves_no_partial_package()
    {
        using var fixture = await StagedTreeFixture.CreateAsync(InstallPrefix.UsrLocal);
        using var output = new TempDirectory("sevstack-debs");
        // A dependency with a broken relation passes our checks and is rejected by dpkg-deb itself, mid-build.
        var spec = StagedTreeFixture.Spec(fixture.Staging(), InstallPrefix.UsrLocal) with { ExtraDepends = ["libfoo (>== 1)"] };

        await Assert.ThrowsAsync<SevStack.Toolkit.Processes.CommandFailedException>(() => new DebPackageBuilder(Tools.Runner()).BuildAsync(spec, output.Path));

        AssertNoPackageLeft(output.Path);
    }

    [Fact]
    public async Task Files_outside_the_prefix_are_refused()
    {
        using var fixture = await StagedTreeFixture.CreateAsync(InstallPrefix.UsrLocal);
        using var output = new TempDirectory("sevstack-debs");
        Directory.CreateDirectory(fixture.Staging() + "/usr/share/qemu");
        File.WriteAllText(fixture.Staging() + "/usr/share/qemu/bios.bin", "x");

        var error = await Assert.ThrowsAsync<BuildException>(() => new DebPackageBuilder(Tools.Runner()).BuildAsync(StagedTreeFixture.Spec(fixture.Staging(), InstallPrefix.UsrLocal), output.Path));

        AssertOneClearLine(error, "would install /usr/share/qemu/bios.bin, outside the prefix /usr/local", "--prefix=/usr/local");
        AssertNoPackageLeft(output.Path);
    }

    [Fact]
    public async Task Files_the_distribution_owns_under_etc_are_refused()
    {
        using var fixture = await StagedTreeFixture.CreateAsync(InstallPrefix.UsrLocal);
        using var output = new TempDirectory("sevstack-debs");
        Directory.CreateDirectory(fixture.Staging() + "/etc/qemu");
        File.WriteAllText(fixture.Staging() + "/etc/qemu/bridge.conf", "allow br0\n");

        var error = await Assert.ThrowsAsync<BuildException>(() => new DebPackageBuilder(Tools.Runner()).BuildAsync(StagedTreeFixture.Spec(fixture.Staging(), InstallPrefix.UsrLocal), output.Path));

        AssertOneClearLine(error, "/etc/qemu/bridge.conf, which Debian's qemu/ovmf packages own");
    }

    [Theory]
    [InlineData("qemu-system-x86", "belongs to Debian's own packages")]
    [InlineData("SevStack_QEMU", "is not a valid Debian package name")]
    public async Task Bad_package_names_are_refused(string name, string reason)
    {
        using var fixture = await StagedTreeFixture.CreateAsync(InstallPrefix.UsrLocal);
        using var output = new TempDirectory("sevstack-debs");

        var error = await Assert.ThrowsAsync<BuildException>(() => new DebPackageBuilder(Tools.Runner()).BuildAsync(StagedTreeFixture.Spec(fixture.Staging(), InstallPrefix.UsrLocal, name), output.Path));

        AssertOneClearLine(error, name, reason);
    }

    [Fact]
    public async Task Two_packages_shipping_one_path_must_declare_conflicts()
    {
        using var fixture = await StagedTreeFixture.CreateAsync(InstallPrefix.UsrLocal);
        using var artifacts = new TempDirectory("sevstack-artifacts");
        var host = StagedTreeFixture.Spec(fixture.Staging(), InstallPrefix.UsrLocal, "sevstack-host-hello");
        var kata = StagedTreeFixture.Spec(fixture.Staging(), InstallPrefix.UsrLocal, "sevstack-kata-hello");

        var error = await Assert.ThrowsAsync<BuildException>(() => new PackageDebsPipeline(Tools.Runner(), new SevStack.Toolkit.Processes.MemoryBuildLog())
            .RunAsync(new PackageDebsRequest(artifacts.Path, [host, kata], [])));

        AssertOneClearLine(error, "Packages sevstack-host-hello and sevstack-kata-hello both ship /etc/sevstack/hello.conf", "Conflicts and Replaces");
        AssertNoPackageLeft(artifacts.Path);
    }

    [Fact]
    public async Task The_same_package_twice_is_refused_before_building()
    {
        using var fixture = await StagedTreeFixture.CreateAsync(InstallPrefix.UsrLocal);
        using var artifacts = new TempDirectory("sevstack-artifacts");
        var spec = StagedTreeFixture.Spec(fixture.Staging(), InstallPrefix.UsrLocal);

        var error = await Assert.ThrowsAsync<BuildException>(() => new PackageDebsPipeline(Tools.Runner(), new SevStack.Toolkit.Processes.MemoryBuildLog())
            .RunAsync(new PackageDebsRequest(artifacts.Path, [spec, spec], [])));

        AssertOneClearLine(error, "Two inputs produce sevstack-hello_1.2.3-sevstack1_amd64.deb");
        AssertNoPackageLeft(artifacts.Path);
    }
}
