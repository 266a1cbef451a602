namespace SevStack.Host.Tests;

public sealed class GrubMenuTests
{
    const string DebianGrubCfg = """
        function load_video {
          insmod all_video
        }
        menuentry 'Debian GNU/Linux' --class debian $menuentry_id_option 'gnulinux-simple-1234' {
        	linux	/boot/vmlinuz-6.1.0-sev root=UUID=1234 ro  quiet
        }
        submenu 'Advanced options for Debian GNU/Linux' $menuentry_id_option 'gnulinux-advanced-1234' {
        	menuentry 'Debian GNU/Linux, with Linux 6.1.0-sev' --class debian $menuentry_id_option 'gnulinux-6.1.0-sev-advanced-1234' {
        		linux	/boot/vmlinuz-6.1.0-sev root=UUID=1234 ro  quiet
        	}
        	menuentry 'Debian GNU/Linux, with Linux 6.1.0-sev (recovery mode)' --class debian $menuentry_id_option 'gnulinux-6.1.0-sev-recovery-1234' {
        		linux	/boot/vmlinuz-6.1.0-sev root=UUID=1234 ro single
        	}
        	menuentry 'Debian GNU/Linux, with Linux 6.1.0-13-amd64' --class debian $menuentry_id_option 'gnulinux-6.1.0-13-amd64-advanced-1234' {
        		linux	/boot/vmlinuz-6.1.0-13-amd64 root=UUID=1234 ro  quiet
        	}
        }
        """;

    [Theory]
    [InlineData("6.1.0-sev", "gnulinux-advanced-1234>gnulinux-6.1.0-sev-advanced-1234")]
    [InlineData("6.1.0-13-amd64", "gnulinux-advanced-1234>gnulinux-6.1.0-13-amd64-advanced-1234")]
    [InlineData("6.1.0-99", null)]
    public void The_entry_under_advanced_options_names_the_kernel(string release, string? expected) =>
        Assert.Equal(expected, GrubMenu.FindEntryPath(DebianGrubCfg, release));

    [Fact]
    public void A_kernel_only_in_a_top_level_entry_gets_that_entry() =>
        Assert.Equal("gnulinux-simple-1234", GrubMenu.FindEntryPath(
            "menuentry 'Debian GNU/Linux' --class debian $menuentry_id_option 'gnulinux-simple-1234' {\n\tlinux /boot/vmlinuz-6.1.0-sev root=/dev/sda1\n}\n", "6.1.0-sev"));

    [Fact]
    public void A_dry_run_predicts_the_entry_debian_will_generate() =>
        Assert.Equal("gnulinux-advanced-1234>gnulinux-6.9.0-snp-advanced-1234", GrubMenu.PredictEntryPath(DebianGrubCfg, "6.9.0-snp"));
}
