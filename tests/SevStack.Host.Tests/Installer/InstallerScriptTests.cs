using SevStack.Host.Installer;

namespace SevStack.Host.Tests.Installer;

/// <summary>The generated script itself: shellcheck-clean, and bad arguments refused in one line with exit 2.</summary>
public sealed class InstallerScriptTests(InstallerBundles bundles) : IClassFixture<InstallerBundles>
{
    string Script => Path.Combine(bundles.Installable, InstallerBundle.ScriptName);

    [Fact]
    public void The_generated_script_is_shellcheck_clean_as_posix_sh()
    {
        var (exitCode, findings) = InstallerProcess.Run("shellcheck", ["--shell=sh", "--severity=style", Script], throughShell: false);
        Assert.True(exitCode == 0, findings);
    }

    [Theory]
    [InlineData(new[] { "--force" }, "sevstack-installer: unknown argument '--force'; run {0} --help for the options")]
    [InlineData(new[] { "--root" }, "sevstack-installer: --root needs a folder (--root DIR); run {0} --help for the options")]
    [InlineData(new[] { "--root", "/" + "nonexistent-root", "--dry-run" }, "sevstack-installer: --root /nonexistent-root is not a folder; pass the root filesystem to plan for")]
    [InlineData(new[] { "--root", "/tmp" }, "sevstack-installer: --root /tmp works only with --dry-run: to change a root filesystem, copy this folder into it and run the script there through chroot")]
    public void Bad_arguments_are_one_line_and_exit_2_before_anything_runs(string[] arguments, string message)
    {
        var (exitCode, output) = InstallerProcess.Run(Script, arguments);
        Assert.Equal(2, exitCode);
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, Script) + "\n", output);
    }

    [Fact]
    public void The_release_table_rows_are_in_the_script()
    {
        var script = File.ReadAllText(Script);
        Assert.Contains("    'ubuntu 18.04') set_facts 'ubuntu 18.04' 'bionic' 'one-line' 'list' 'update-grub' 'grub-set-default' 'grub-reboot' '/etc/default/grub.d' '/boot/grub/grub.cfg' '/boot/grub/grubenv' 'grub-common grub2-common' ;;\n", script);
        Assert.Contains("    'debian 13') set_facts 'debian 13' 'trixie' 'deb822' 'sources'", script);
        Assert.Contains("    'ubuntu') set_facts 'ubuntu 24.04' 'noble'", script);
    }
}
