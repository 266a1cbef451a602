using SevStack.Components.Kernel;
using SevStack.Toolkit;
using SevStack.Testing;

namespace SevStack.Components.Tests.Kernel;

public sealed class DebianKernelConfigMergeTests
{
    [Fact]
    public void The_files_are_listed_in_Debians_order_with_a_defines_configs_list_replacing_the_flavour_file()
    {
        using var temp = new TempDirectory();
        var tree = Fixture.CopyTree("debian-config", temp);

        var files = DebianKernelConfigMerge.Files(tree, DebianKernelFlavour.Amd64).Select(f => Path.GetRelativePath(Path.Combine(tree, "debian", "config"), f));

        // amd64/config.amd64 is not merged: [amd64_image] configs in amd64/defines names config-arch-64 instead; featureset-rt is another featureset.
        Assert.Equal(["config", "kernelarch-x86/config", "amd64/config", "kernelarch-x86/config-arch-64", "amd64/none/config.amd64"], files);
    }

    [Fact]
    public void An_option_takes_the_value_of_the_last_file_that_sets_it()
    {
        using var temp = new TempDirectory();
        var tree = Fixture.CopyTree("debian-config", temp);

        var merged = KernelConfigFile.Parse(DebianKernelConfigMerge.Merge(DebianKernelConfigMerge.Files(tree, DebianKernelFlavour.Amd64)).Split('\n'));

        Assert.Equal("n", merged["OVERRIDDEN_BY_ARCH"]); // y in config, m in kernelarch-x86/config, not set in amd64/config
        Assert.Equal("m", merged["XFS_FS"]);
        foreach (var option in new[] { "FROM_GENERIC", "FROM_KERNELARCH", "FROM_AMD64", "FROM_ARCH_64", "FROM_NONE_FLAVOUR", "64BIT" })
            Assert.Equal("y", merged[option]);
        Assert.Null(merged["REPLACED_BY_DEFINES_CONFIGS"]);
        Assert.Null(merged["CLOUD_ONLY"]);
        Assert.Null(merged["PREEMPT_RT"]);
        Assert.Null(merged["X86_32"]);
    }

    [Fact]
    public void Debian_config_local_is_looked_in_first_and_its_defines_win()
    {
        using var temp = new TempDirectory();
        var tree = Fixture.CopyTree("debian-config", temp);
        var local = Path.Combine(tree, "debian", "config.local");
        Directory.CreateDirectory(Path.Combine(local, "amd64"));
        File.WriteAllText(Path.Combine(local, "amd64", "config"), "CONFIG_FROM_LOCAL=y\n");
        File.WriteAllText(Path.Combine(local, "amd64", "defines"), "[amd64_image]\nconfigs:\n kernelarch-x86/config-arch-32\n");

        var files = DebianKernelConfigMerge.Files(tree, DebianKernelFlavour.Amd64).Select(f => Path.GetRelativePath(Path.Combine(tree, "debian"), f));

        Assert.Equal(["config/config", "config/kernelarch-x86/config", "config.local/amd64/config", "config/kernelarch-x86/config-arch-32", "config/amd64/none/config.amd64"], files);
    }

    [Fact]
    public void A_configs_entry_naming_a_missing_file_and_the_newer_toml_layout_are_refused_by_name()
    {
        using var temp = new TempDirectory();
        var tree = Fixture.CopyTree("debian-config", temp);
        var config = Path.Combine(tree, "debian", "config");
        File.Delete(Path.Combine(config, "kernelarch-x86", "config-arch-64"));

        var missing = Assert.Throws<BuildException>(() => DebianKernelConfigMerge.Files(tree, DebianKernelFlavour.Amd64));
        File.WriteAllText(Path.Combine(config, "defines.toml"), "[[kernelarch]]\nname = 'x86'\n");
        var toml = Assert.Throws<BuildException>(() => DebianKernelConfigMerge.Files(tree, DebianKernelFlavour.Amd64));

        Assert.StartsWith("the Debian kernel config kernelarch-x86/config-arch-64 named in a defines file does not exist under", missing.Message);
        Assert.Equal($"{config} uses Debian's newer defines.toml layout, which SevStack does not merge; give Debian's merged config with --kernel-config file:PATH.", toml.Message);
    }

    [Fact]
    public void A_defines_line_that_is_neither_section_key_nor_continuation_is_named()
    {
        var error = Assert.Throws<BuildException>(() => DebianDefines.Parse(["[base]", "kernel-arch x86"], "amd64/defines"));

        Assert.Equal("amd64/defines: cannot read the line 'kernel-arch x86' (expected [section], key: value or an indented continuation)", error.Message);
    }

    /// <summary>
    /// Debian's own debian/config (a kernel tree from <c>apt-get source linux</c> or Debian's git, in the end-to-end suite's
    /// root): the merge finds every file it lists and yields a config with the boot-critical options and the SEV host's
    /// prerequisites. The e2e suite's apt:linux tree comes from linux-source-*, which carries no debian/, so this runs only
    /// where such a tree is.
    /// </summary>
    [FactWhenDebianConfigTree]
    public void The_real_debian_config_merges_to_a_config_that_boots_a_server()
    {
        var tree = FactWhenDebianConfigTreeAttribute.Find()!;

        var files = DebianKernelConfigMerge.Files(tree, DebianKernelFlavour.Amd64);
        var merged = KernelConfigFile.Parse(DebianKernelConfigMerge.Merge(files).Split('\n'));

        Assert.True(files.Count >= 3, string.Join(", ", files));
        Assert.Empty(BootCriticalOptions.Missing(merged).Select(r => r.Name));
        Assert.Equal("y", merged["AMD_MEM_ENCRYPT"]);
    }
}

/// <summary>A fact that runs only where a kernel tree with Debian's debian/config is (see <see cref="Find"/>); skipped, with the reason, elsewhere.</summary>
sealed class FactWhenDebianConfigTreeAttribute : FactAttribute
{
    public FactWhenDebianConfigTreeAttribute()
    {
        if (Find() is null)
            Skip = "no kernel tree with debian/config in the end-to-end root ($SEVSTACK_E2E_ROOT or /var/tmp/sevstack-e2e/repo: artifacts/work/src/kernel, guest-kernel)";
    }

    public static string? Find()
    {
        var root = Environment.GetEnvironmentVariable("SEVSTACK_E2E_ROOT") is { Length: > 0 } configured ? configured : "/var/tmp/sevstack-e2e/repo";
        return new[] { "kernel", "guest-kernel" }.Select(tree => Path.Combine(root, "artifacts", "work", "src", tree)).FirstOrDefault(DebianKernelConfigMerge.IsIn);
    }
}
