using SevStack.Testing;
using SevStack.Toolkit.Processes;

namespace SevStack.Build.Tests.E2E;

/// <summary>
/// The default profile's QEMU 7.2 (Debian 12's source) built for Debian 11 in a bullseye build root
/// (<c>--build-release debian-11</c>), packaged with dpkg-shlibdeps run in that root, and installed with the generated
/// installer into a debootstrapped Debian 11 root through chroot, where it runs; then uninstalled. The kernel and OVMF
/// packages are built on this machine: they depend on no library. Runs when the e2e cache holds these builds or
/// <see cref="ColdBuildBudget"/> allows the cold ones.
/// </summary>
[Trait("Suite", "E2E")]
public sealed class ReleaseInstallE2ETests
{
    /// <summary>The bullseye root and QEMU 7.2 in it: 43 minutes cold here under a load average of 25-36; the tinyconfig kernel and OVMF besides.</summary>
    const int ColdMinutes = 75;

    [SkippableFact]
    public async Task Qemu_7_2_built_for_debian_11_installs_and_runs_there_through_the_generated_installer()
    {
        var stack = new ReleaseStack("debian-11");
        var cached = await stack.HasCachedBuildsAsync("BuildQemu", "BuildKernel", "BuildOvmf");
        var refusal = cached ? null : ColdBuildBudget.RefusalFor("QEMU 7.2 for Debian 11 (PackageDebs --build-release debian-11)", ColdMinutes);
        Skip.If(refusal is not null, refusal);

        var (exit, output) = await stack.RunAsync("PackageDebs", "PackageInstaller", "--allow-unbootable-kernel-default");

        Assert.True(exit == 0, output);
        var runner = new CliWrapCommandRunner(new MemoryBuildLog(), Privilege.Detect());
        var qemuDeb = Assert.Single(Directory.GetFiles(Path.Combine(stack.Artifacts, "debs"), "sevstack-qemu_*.deb"));
        var depends = (await runner.RunAsync(new CommandSpec("dpkg-deb", "--field", qemuDeb, "Depends"))).StandardOutput.Trim();
        // dpkg-shlibdeps ran in the bullseye root: glibc 2.31 and bullseye's glib, not this machine's 2.36 (which gives libc6 >= 2.34).
        var libc = System.Text.RegularExpressions.Regex.Match(depends, @"libc6 \(>= ([0-9.]+)\)");
        Assert.True(libc.Success, depends);
        Assert.True(Version.Parse(libc.Groups[1].Value) <= new Version(2, 31), depends);
        Assert.Contains("libglib2.0-0 (>= ", depends);
        var lintian = await runner.RunAsync(new CommandSpec("lintian", "--no-tag-display-limit", qemuDeb) { AllowFailure = true });
        Assert.DoesNotContain(lintian.StandardOutput.Split('\n'), l => l.StartsWith("E: ", StringComparison.Ordinal));

        using var root = new DebianTestRoot("bullseye");
        await InstallerInChroot.InstallRunAndUninstallAsync(root, Path.Combine(stack.Artifacts, "installer"), "7.2.");
    }
}
