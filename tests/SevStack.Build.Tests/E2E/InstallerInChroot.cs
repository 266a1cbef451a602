using SevStack.Testing;
using SevStack.Toolkit.Processes;

namespace SevStack.Build.Tests.E2E;

/// <summary>
/// What an operator does with PackageInstaller's folder on a target host, in a debootstrapped root through chroot: copy
/// it in, run <c>install.sh</c>, check the installed QEMU runs there with its expected version, then
/// <c>install.sh --uninstall</c>, after which the root must be exactly as before.
/// </summary>
static class InstallerInChroot
{
    const string Folder = "/var/tmp/sevstack-installer";
    const string Qemu = "/opt/sevstack/bin/qemu-system-x86_64";

    /// <param name="whileInstalled">More checks of the root between install and uninstall.</param>
    public static async Task InstallRunAndUninstallAsync(DebianTestRoot root, string installerFolder, string qemuVersionPrefix, Func<Task>? whileInstalled = null)
    {
        var runner = new CliWrapCommandRunner(new MemoryBuildLog(), Privilege.Detect());
        await runner.RunAsync(new CommandSpec("cp", "-a", installerFolder, root.Map(Folder)) { NeedsRoot = true });
        var pristine = RootSnapshot.Take(root.Path);

        var install = await root.ChrootAsync("sh", Folder + "/install.sh");

        Assert.True(install.ExitCode == 0, install.StandardError + install.StandardOutput);
        var version = await root.ChrootAsync(Qemu, "--version");
        Assert.True(version.ExitCode == 0, version.StandardError + version.StandardOutput);
        Assert.StartsWith("QEMU emulator version " + qemuVersionPrefix, version.StandardOutput);
        if (whileInstalled is not null)
            await whileInstalled();

        var uninstall = await root.ChrootAsync("sh", Folder + "/install.sh", "--uninstall");

        Assert.True(uninstall.ExitCode == 0, uninstall.StandardError + uninstall.StandardOutput);
        Assert.False(File.Exists(root.Map(Qemu)));
        // As before, apt's kernel hook's file included (/etc/apt/apt.conf.d/01autoremove-kernels: a real kernel
        // package's postinst runs the hook where apt has it; no package owns the file).
        var left = pristine.Differences(RootSnapshot.Take(root.Path));
        Assert.True(left.Count == 0, string.Join('\n', left) + "\n" + uninstall.StandardError + uninstall.StandardOutput);
    }
}
