using SevStack.Components.Kernel;

namespace SevStack.Components.Tests.Kernel;

public sealed class KconfigDeclarationsTests
{
    [Fact]
    public void Reads_depends_on_lines_including_continuations_and_ignores_other_entries()
    {
        var kconfig = KconfigDeclarations.Parse(
        [
            "menuconfig VIRTUALIZATION",
            "\tbool \"Virtualization\"",
            "if VIRTUALIZATION",
            "config KVM_AMD_SEV",
            "\tdef_bool y",
            "\tdepends on KVM_AMD && X86_64",
            "\tdepends on CRYPTO_DEV_SP_PSP && \\",
            "\t\t!(KVM_AMD=y && CRYPTO_DEV_CCP_DD=m)",
            "\thelp",
            "\t  depends on nothing: help text is not a dependency",
            "endif",
            "\tdepends on ORPHAN",
        ]);

        Assert.True(kconfig.IsDeclared("VIRTUALIZATION"));
        Assert.Empty(kconfig.DependenciesOf("VIRTUALIZATION"));
        Assert.False(kconfig.IsDeclared("KVM"));
        Assert.Equal(["KVM_AMD && X86_64", "CRYPTO_DEV_SP_PSP && !(KVM_AMD=y && CRYPTO_DEV_CCP_DD=m)"],
            kconfig.DependenciesOf("KVM_AMD_SEV"));
    }

    [Theory]
    [InlineData("m", "y", true)]
    [InlineData("m", null, false)]
    [InlineData("n", null, true)]
    [InlineData("n", "m", false)]
    [InlineData("\"\"", null, true)]
    [InlineData("y", "m", false)]
    public void A_request_is_met_by(string requested, string? actual, bool met) =>
        Assert.Equal(met, new KconfigSetting("X", requested).IsSatisfiedBy(actual));
}
