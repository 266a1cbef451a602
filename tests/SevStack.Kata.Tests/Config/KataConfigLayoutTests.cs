using SevStack.Toolkit;
using SevStack.Kata.Config;

namespace SevStack.Kata.Tests.Config;

public class KataConfigLayoutTests
{
    [Fact]
    public void Kata_1_edits_the_etc_copy_of_the_packaged_file()
    {
        var layout = KataConfigLayout.For(new KataSettings { Generation = KataGeneration.V1 }, KataConfigOutput.FullFile);
        Assert.Equal(("/usr/share/defaults/kata-containers/configuration.toml", "/etc/kata-containers/configuration.toml"), (layout.Source, layout.Target));
    }

    [Theory]
    [InlineData(ConfidentialMode.Sev, "/opt/kata/share/defaults/kata-containers/configuration-qemu-sev.toml")]
    [InlineData(ConfidentialMode.Snp, "/opt/kata/share/defaults/kata-containers/configuration-qemu-snp.toml")]
    public void Kata_3_starts_from_the_sev_or_snp_file(ConfidentialMode mode, string expected)
    {
        var layout = KataConfigLayout.For(new KataSettings { Generation = KataGeneration.V3, Confidential = mode }, KataConfigOutput.FullFile);
        Assert.Equal((expected, "/etc/kata-containers/configuration.toml"), (layout.Source, layout.Target));
    }

    [Fact]
    public void Drop_ins_need_kata_3()
    {
        Assert.Contains("Kata 1.x has no config.d drop-ins",
            Assert.Throws<BuildException>(() => KataConfigLayout.For(new KataSettings { Generation = KataGeneration.V1 }, KataConfigOutput.DropIn)).Message, StringComparison.Ordinal);
        var old = new KataSettings { Generation = KataGeneration.V3, KataVersion = new Version(2, 4, 0) };
        Assert.Contains("Kata 2.4.0 does not read config.d drop-ins",
            Assert.Throws<BuildException>(() => KataConfigLayout.For(old, KataConfigOutput.DropIn)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(KataGeneration.V1, "/usr/share/defaults/kata-containers/configuration.toml")]
    [InlineData(KataGeneration.V3, "/opt/kata/share/defaults/kata-containers/configuration-qemu-sev.toml")]
    public void The_dedicated_file_is_ours_alone_and_the_runtime_entry_selects_it(KataGeneration generation, string packaged)
    {
        var layout = KataConfigLayout.For(new KataSettings { Generation = generation, Confidential = ConfidentialMode.Sev }, KataConfigOutput.Dedicated);

        Assert.Equal((packaged, "/etc/kata-containers/configuration-sevstack.toml"), (layout.Source, layout.Target));
        Assert.Equal("/etc/kata-containers/configuration-sevstack.toml", layout.SelectedByRuntime);
        Assert.Null(KataConfigLayout.For(new KataSettings { Generation = generation }, KataConfigOutput.FullFile).SelectedByRuntime);
    }
}
