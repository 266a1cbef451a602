using SevStack.Components.Kernel;

namespace SevStack.Components.Tests.Kernel;

public sealed class LsmodListingTests
{
    [Fact]
    public void Lsmod_output_is_accepted_with_its_header_and_users_column()
    {
        string[] lines = ["Module                  Size  Used by", "kvm_amd               155648  0", "kvm                  1142784  1 kvm_amd", "ccp                   118784  1 kvm_amd", ""];

        Assert.Null(LsmodListing.Problem(lines));
        Assert.Equal(["kvm_amd", "kvm", "ccp"], LsmodListing.Modules(lines));
    }

    [Theory]
    [InlineData("", "is empty: give the output of lsmod on the target host (lsmod > modules.txt)")]
    [InlineData("Module                  Size  Used by", "lists no modules: give the output of lsmod on the target host, where the drivers it boots with are loaded")]
    [InlineData("CONFIG_KVM=m\nCONFIG_KVM_AMD=m", "is not lsmod output: line 1 'CONFIG_KVM=m' is not 'module size used-by-count [users]': give the output of lsmod on the target host")]
    [InlineData("Module  Size  Used by\nkvm 1142784 1 kvm_amd\nnvme core 2", "is not lsmod output: line 3 'nvme core 2' is not 'module size used-by-count [users]': give the output of lsmod on the target host")]
    public void Anything_else_is_refused_with_the_line_that_is_wrong(string text, string problem)
    {
        Assert.Equal(problem, LsmodListing.Problem(text.Split('\n')));
    }
}
