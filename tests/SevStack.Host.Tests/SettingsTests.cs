using SevStack.Host.Distributions;
using SevStack.Toolkit;

namespace SevStack.Host.Tests;

public sealed class SettingsTests
{
    [Fact]
    public void The_grub_drop_in_sets_the_saved_default_and_appends_to_the_command_line() => Assert.Equal(
        "# Written by SevStack InstallHost; UninstallHost removes it.\nGRUB_DEFAULT=saved\nGRUB_CMDLINE_LINUX_DEFAULT=\"$GRUB_CMDLINE_LINUX_DEFAULT mem_encrypt=on\"\n",
        GrubSettings.DropIn(GrubDefaultMode.Always, " mem_encrypt=on "));

    [Fact]
    public void No_drop_in_is_needed_for_grub_reboot_without_command_line_additions() =>
        Assert.Null(GrubSettings.DropIn(GrubDefaultMode.Once, null));

    [Fact]
    public void Shell_syntax_in_the_command_line_is_refused_in_one_line()
    {
        var error = Assert.Throws<BuildException>(() => GrubSettings.DropIn(GrubDefaultMode.No, "quiet\" ; rm -rf /"));
        Assert.StartsWith("the kernel command line 'quiet\" ; rm -rf /' contains quotes", error.Message);
    }

    [Fact]
    public void Os_release_values_are_read_with_or_without_quotes()
    {
        var release = OsRelease.Parse("PRETTY_NAME=\"Ubuntu 24.04.1 LTS\"\nID=ubuntu\nVERSION_ID='24.04'\n# comment\n");
        Assert.Equal(new OsRelease("ubuntu", "24.04", "Ubuntu 24.04.1 LTS"), release);
        Assert.Equal(UbuntuReleases.All.Single(r => r.VersionId == "24.04"), KnownReleases.For(release));
    }

    [Fact]
    public void Kvm_amd_options_add_sev_es_and_snp_on_request() =>
        Assert.Equal("# Written by SevStack InstallHost; UninstallHost removes it.\noptions kvm_amd sev=1 sev_snp=1\n",
            new KvmAmdOptions(SevSnp: true).FileContent());

    [Fact]
    public void Grubenv_values_are_found_by_key() =>
        Assert.Equal("a>b", GrubSettings.EnvironmentValue("# GRUB Environment Block\nsaved_entry=a>b\nnext_entry=\n####", "saved_entry"));
}
