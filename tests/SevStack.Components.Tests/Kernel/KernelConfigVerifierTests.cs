using SevStack.Components.Kernel;

namespace SevStack.Components.Tests.Kernel;

public sealed class KernelConfigVerifierTests
{
    static readonly KconfigDeclarations Kconfig = KconfigDeclarations.Parse(
        ["config KVM_AMD_SEV", "\tdepends on KVM_AMD", "config DEBUG_INFO_NONE", "\tbool \"none\""]);

    [Fact]
    public void Helper_edits_are_not_checked_and_version_specific_options_only_where_declared()
    {
        var config = KernelConfigFile.Parse(["CONFIG_KVM=m"]);
        KconfigSetting[] requested =
        [
            new("DEBUG_INFO_NONE", "y", KconfigCheck.NotChecked),
            new("OPTION_OF_ANOTHER_KERNEL", "y", KconfigCheck.WhereDeclared),
            KconfigSetting.Yes("KVM_AMD_SEV"),
            KconfigSetting.Yes("NOT_IN_THIS_TREE"),
        ];

        var lost = KernelConfigVerifier.FindLost(config, requested, () => Kconfig);

        Assert.Equal(
            ["KVM_AMD_SEV=y (now unset; depends on KVM_AMD)", "NOT_IN_THIS_TREE=y (now unset; not declared in any Kconfig of this source tree)"],
            lost.Select(l => l.Describe()));
    }

    [Fact]
    public void A_disabled_option_that_came_back_is_reported_as_selected()
    {
        var lost = KernelConfigVerifier.FindLost(KernelConfigFile.Parse(["CONFIG_KVM_AMD_SEV=y"]), [KconfigSetting.No("KVM_AMD_SEV")], () => Kconfig);
        Assert.Equal("KVM_AMD_SEV=n (now y; selected or defaulted on by another option)", Assert.Single(lost).Describe());
    }
}
