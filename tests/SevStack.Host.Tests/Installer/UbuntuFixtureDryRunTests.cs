using SevStack.Host.Tests.Support;
using SevStack.Testing;

namespace SevStack.Host.Tests.Installer;

/// <summary>
/// The installer's dry run (--dry-run --root) on the Ubuntu fixture roots (UbuntuRoots/README.md says where their files
/// come from): which release row it uses, the apt source format, the commands and files it would apply, and the real
/// incompatibility it refuses (a QEMU built against glibc 2.34 on 18.04 and 20.04).
/// </summary>
public sealed class UbuntuFixtureDryRunTests(InstallerBundles bundles) : IClassFixture<InstallerBundles>
{
    const string Uuid = "3f1c9a52-8d4e-4b7a-a6c1-2e5d7f9b0c14";

    public static TheoryData<string, string, string> Releases => new()
    {
        { "18.04", "bionic", "+deb [trusted=yes] file:{0}/repo ./" },
        { "20.04", "focal", "+deb [trusted=yes] file:{0}/repo ./" },
        { "22.04", "jammy", "+deb [trusted=yes] file:{0}/repo ./" },
        { "24.04", "noble", "+Types: deb\n+URIs: file:{0}/repo\n+Suites: ./\n+Trusted: yes" },
    };

    [Theory]
    [MemberData(nameof(Releases))]
    public void The_dry_run_plans_the_install_with_the_release_row_and_changes_nothing(string version, string codename, string source)
    {
        using var root = FixtureRoot(version);
        var before = RootSnapshot.Take(root.Path, contentOnly: false);

        var (exitCode, output) = DryRun(bundles.Installable, root.Path);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"target: ubuntu {version} ({codename}), facts from its own row", output);
        var extension = version == "24.04" ? "sources" : "list";
        Assert.Contains($"would write the temporary apt source /etc/apt/sources.list.d/sevstack-installer.{extension}:\n"
            + string.Format(System.Globalization.CultureInfo.InvariantCulture, source, bundles.Installable), output);
        Assert.Contains("would run: 'env' 'DEBIAN_FRONTEND=noninteractive' 'apt-get' 'install' '-y' '--no-install-recommends' "
            + "'-o' 'Dpkg::Options::=--force-confdef' '-o' 'Dpkg::Options::=--force-confold' "
            + "'linux-image-6.1.0-sev=6.1.0-1' 'sevstack-qemu=8.2.0-1' 'sevstack-ovmf=2024.02-1'", output);
        Assert.Contains("would write /etc/modprobe.d/sevstack-kvm.conf:\n+# Written by SevStack InstallHost; UninstallHost removes it.\n+options kvm_amd sev=1 sev_es=1", output);
        Assert.Contains("would write /etc/default/grub.d/sevstack.cfg:\n+# Written by SevStack InstallHost; UninstallHost removes it.\n+GRUB_DEFAULT=saved\n"
            + "+GRUB_CMDLINE_LINUX_DEFAULT=\"$GRUB_CMDLINE_LINUX_DEFAULT mem_encrypt=on kvm_amd.sev=1\"", output);
        Assert.Contains("would run: 'update-grub'", output);
        Assert.Contains($"would run: 'grub-set-default' 'gnulinux-advanced-{Uuid}>gnulinux-6.1.0-sev-advanced-{Uuid}'", output);
        Assert.Contains("dry run: nothing was changed; without --dry-run it would: install packages (", output);
        Assert.Empty(before.Differences(RootSnapshot.Take(root.Path, contentOnly: false)));
    }

    [Theory]
    [InlineData("18.04", "libc6 2.27-3ubuntu1.6 (installed), libc6 2.27-3ubuntu1.6 (available), libc6 2.27-3ubuntu1 (available)")]
    [InlineData("20.04", "libc6 2.31-0ubuntu9.16 (installed), libc6 2.31-0ubuntu9.16 (available), libc6 2.31-0ubuntu9 (available)")]
    public void A_qemu_built_against_glibc_2_34_is_refused_naming_the_glibc_the_release_has(string version, string has)
    {
        using var root = FixtureRoot(version);

        var (exitCode, output) = DryRun(bundles.NeedsNewerLibc, root.Path);

        Assert.Equal(2, exitCode);
        Assert.Contains($"sevstack-installer: the packages cannot be installed on ubuntu {version}: sevstack-qemu needs libc6 (>= 2.34): ubuntu {version} has {has}; build them for this release", output);
    }

    [Theory]
    [InlineData("22.04")]
    [InlineData("24.04")]
    public void The_same_qemu_passes_on_releases_with_glibc_2_34_or_newer(string version)
    {
        using var root = FixtureRoot(version);
        var (exitCode, output) = DryRun(bundles.NeedsNewerLibc, root.Path);
        Assert.True(exitCode == 0, output);
    }

    static TempDirectory FixtureRoot(string version)
    {
        var root = new TempDirectory("sevstack-ubuntu-" + version);
        Shell.Run("cp", "-a", Path.Combine(AppContext.BaseDirectory, "Installer", "UbuntuRoots", version) + "/.", root.Path);
        return root;
    }

    static (int ExitCode, string Output) DryRun(string bundle, string root) =>
        InstallerProcess.Run(Path.Combine(bundle, "install.sh"), "--dry-run", "--root", root);
}
