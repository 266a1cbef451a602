using SevStack.Toolkit;
using SevStack.Packaging.Control;
using SevStack.Packaging.Docs;
using SevStack.Packaging.Inputs;
using SevStack.Testing;

namespace SevStack.Packaging.Tests;

public sealed class SmallPartsTests
{
    [Theory]
    [InlineData("/usr/local", "/usr/local")]
    [InlineData("/usr/local/sevstack/", "/usr/local/sevstack")]
    [InlineData("/opt/sevstack", "/opt/sevstack")]
    public void Prefixes_below_usr_local_or_opt_are_accepted(string value, string expected) =>
        Assert.Equal(expected, InstallPrefix.Parse(value).Path);

    [Theory]
    [InlineData("/usr")]
    [InlineData("/")]
    [InlineData("/opt")]
    [InlineData("/usr/local/../share")]
    [InlineData("usr/local")]
    [InlineData("/usr/localx")]
    public void Prefixes_where_distribution_packages_live_are_refused(string value)
    {
        var error = Assert.Throws<BuildException>(() => InstallPrefix.Parse(value));
        Assert.Equal($"Install prefix '{value}' is not allowed: use /usr/local or /opt/<name> (e.g. /opt/sevstack), where no Debian package installs files.", error.Message);
    }

    [Fact]
    public void Prefix_contains_only_paths_below_it() =>
        Assert.Equal([true, false, false], new[] { "/usr/local/bin/x", "/usr/localbin/x", "/usr/local" }.Select(InstallPrefix.UsrLocal.Contains));

    [Theory]
    [InlineData("/usr/share/qemu/bios-256k.bin", true)]
    [InlineData("/usr/bin/qemu-system-x86_64", true)]
    [InlineData("/usr/share/OVMF/OVMF_CODE.fd", true)]
    [InlineData("/usr/local/bin/qemu-system-x86_64", false)]
    [InlineData("/opt/sevstack/share/qemu/bios-256k.bin", false)]
    public void Distribution_paths_are_recognised(string path, bool owned) =>
        Assert.Equal(owned, DistributionFiles.IsOwned(path));

    [Fact]
    public void Shlibdeps_output_is_split_into_dependencies() =>
        Assert.Equal(["libc6 (>= 2.34)", "libfdt1 (>= 1.6.0)", "libglib2.0-0 (>= 2.56.0)"],
            SharedLibraryDepends.Parse("shlibs:Depends=libc6 (>= 2.34), libfdt1 (>= 1.6.0), libglib2.0-0 (>= 2.56.0)\nmisc:Foo=bar\n"));

    [Fact]
    public void Description_wraps_long_text_and_marks_paragraphs()
    {
        var text = DescriptionText.Format("QEMU built for AMD SEV hosts",
            string.Join(' ', Enumerable.Repeat("encrypted", 20)) + "\n\nSecond paragraph.");
        Approved.Verify(text, "description");
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 80, line));
    }

    [Fact]
    public void Changelog_and_copyright_name_source_patches_and_date()
    {
        var spec = StagedTreeFixture.Spec("/staging", InstallPrefix.UsrLocal);
        Approved.Verify(PackageDocs.Changelog(spec) + "----\n" + PackageDocs.Copyright(spec), "docs");
    }

    [Fact]
    public void Lintian_overrides_cover_exactly_the_prefix_tags()
    {
        Approved.Verify(LintianOverrides.For("sevstack-qemu", InstallPrefix.UsrLocal) + "----\n" + LintianOverrides.For("sevstack-qemu", InstallPrefix.OptSevStack), "overrides");
    }
}
