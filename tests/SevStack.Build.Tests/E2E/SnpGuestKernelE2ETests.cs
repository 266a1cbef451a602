using System.Text.RegularExpressions;
using SevStack.Toolkit.Processes;

namespace SevStack.Build.Tests.E2E;

/// <summary>
/// The snp profile's guest kernel (trixie's linux 6.12, the Kata guest: bzImage and vmlinux, everything built in) built
/// in the trixie build root by <c>./build.sh BuildGuestKernel --profile snp --kernel-config tinyconfig</c>. Its vmlinux
/// holds the code of each SNP guest option, read from its symbol table: the SEV guest driver behind
/// <c>/dev/sev-guest</c> (SEV_GUEST), the configfs-tsm report interface (TSM_REPORTS on CONFIGFS_FS), unaccepted memory
/// (UNACCEPTED_MEMORY) and the SNP guest code of AMD_MEM_ENCRYPT. Runs when the e2e cache holds the build or
/// <see cref="ColdBuildBudget"/> allows the cold one.
/// </summary>
[Trait("Suite", "E2E")]
public sealed class SnpGuestKernelE2ETests
{
    /// <summary>A 6.12 kernel build in the trixie root, as the host kernel in bench/chains.sh (5.5 minutes on 2 idle cores), rounded up.</summary>
    const int ColdMinutes = 10;

    [SkippableFact]
    public async Task The_snp_guest_kernel_carries_the_sev_guest_driver_tsm_reports_and_unaccepted_memory()
    {
        var stack = new SnpStack();
        string[] tiny = ["--kernel-config", "tinyconfig"];
        var refusal = await stack.HasCachedBuildsAsync(["BuildGuestKernel"], tiny) ? null
            : ColdBuildBudget.RefusalFor("The SNP guest kernel (BuildGuestKernel --profile snp)", ColdMinutes);
        Skip.If(refusal is not null, refusal);

        var (exit, output) = await stack.RunAsync(["BuildGuestKernel", .. tiny]);

        Assert.True(exit == 0, output);
        var vmlinux = Path.Combine(stack.Out("BuildGuestKernel"), "vmlinux");
        var runner = new CliWrapCommandRunner(new MemoryBuildLog(), Privilege.Detect());
        var symbols = (await runner.RunAsync(new CommandSpec("nm", vmlinux) { IsQuery = true })).StandardOutput;
        var names = Regex.Matches(symbols, @"^\S* ?[A-Za-z] (\S+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Superset(new HashSet<string> { "snp_guest_ioctl", "tsm_register", "configfs_register_subsystem", "accept_memory", "snp_issue_guest_request", "sev_status" }, names);
        Assert.Matches(@"Linux version 6\.12\.\d+-sev", (await runner.RunAsync(new CommandSpec("strings", vmlinux) { IsQuery = true })).StandardOutput);
    }
}
