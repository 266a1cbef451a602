using SevStack.Checks.Host;
using SevStack.Checks.Report;
using SevStack.Checks.Tests.Support;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Checks.Tests.Host;

/// <summary>CheckHost's SEV-SNP evidence: kvm_amd's sev_snp parameter and the kernel's RMP table lines, in the 5.19 and 6.x wordings.</summary>
public sealed class SnpHostTests
{
    static readonly ScriptedCommandRunner NothingInstalled = new(new Dictionary<string, Func<CommandSpec, CommandResult>>());

    /// <summary>The Milan host of AMD's snp-latest README: a 5.19 SNP kernel, SNP firmware 1.51, the old ASID wording.</summary>
    static HostTree EpycSnp519() => new HostTree()
        .CpuInfo("cpuinfo-amd-epyc-7413-milan-snp.txt")
        .KernelRelease("5.19.0-rc6-sev-es-snp+", "kernel-config-sev-host.txt")
        .CommandLine("BOOT_IMAGE=/vmlinuz-5.19.0-rc6-sev-es-snp+ root=/dev/sda2 ro")
        .Sysfs("snp-host")
        .KernelLog("dmesg-host-snp-5.19.txt")
        .DevSev(UnixFileMode.UserRead | UnixFileMode.UserWrite)
        .Iommu("ivhd0")
        .DevKvm()
        .Identity(uid: 0, capabilities: 0x1ffffffffff)
        .SysCfg((1UL << 23) | (1UL << 24) | (1UL << 25))
        .Cpuid(eax: 0x3F, ebx: (4u << 12) | (1u << 6) | 51, ecx: 509, edx: 100);

    static async Task<CheckReport> Check(HostTree tree) =>
        await HostChecker.RunAsync(HostFixtures.Options(tree, withQemuAndVirsh: false), NothingInstalled);

    static CheckResult Result(CheckReport report, string id) => report.Checks.Single(c => c.Id == id);

    [Fact]
    public async Task A_5_19_snp_host_shows_its_rmp_table_sev_snp_parameter_and_snp_firmware()
    {
        using var tree = EpycSnp519();

        var report = await Check(tree);

        var rmp = Result(report, "snp-rmp");
        Assert.Equal(CheckStatus.Pass, rmp.Status);
        Assert.Equal(
            ["from /var/log/dmesg:", "SEV-SNP: RMP table physical address 0x0000000035600000 - 0x0000000075bfffff", "SEV-SNP API 1.51 build 1"],
            rmp.Evidence);
        Assert.Equal(CheckStatus.Pass, Result(report, "kvm-amd-sev-snp").Status);
        Assert.Contains("/sys/module/kvm_amd/parameters/sev_snp = Y (bool form: kernel 5.12 or later)", Result(report, "kvm-amd-sev-snp").Evidence);
        Assert.Contains(Result(report, "sev-asids").Evidence, e => e.StartsWith("SEV-SNP: 99 ASIDs", StringComparison.Ordinal));
        Assert.Empty(report.Failed);
    }

    [Fact]
    public async Task A_6_9_snp_host_shows_both_of_its_rmp_lines()
    {
        using var tree = HostFixtures.EpycSnp();

        var rmp = Result(await Check(tree), "snp-rmp");

        Assert.Equal(CheckStatus.Pass, rmp.Status);
        Assert.Equal(
            [
                "SEV-SNP: RMP table physical range [0x000000bf7e800000 - 0x000000c03f0fffff]",
                "SEV-SNP: Reserving start/end of RMP table on a 2MB boundary [0x000000c03f000000]",
                "SEV-SNP API 1.55 build 21",
            ],
            rmp.Evidence.Skip(1));
    }

    /// <summary>The kernel's own words for leaving SNP off (arch/x86/virt/svm/sev.c, drivers/iommu/amd/init.c).</summary>
    [Theory]
    [InlineData("SEV-SNP: Memory for the RMP table has not been reserved by BIOS", "reserved no memory for the RMP table", "SNP memory coverage")]
    [InlineData("SEV-SNP: Memory reserved for the RMP table does not cover full system RAM (expected 0x1020000000 got 0x800000000)", "does not cover all of RAM", "SNP memory coverage")]
    [InlineData("AMD-Vi: SNP: IOMMU disabled or configured in passthrough mode, SNP cannot be supported.", "passthrough", "iommu=pt")]
    [InlineData("AMD-Vi: SNP: IOMMU is configured with V2 page table mode, SNP cannot be supported.", "v2 page tables", "amd_iommu=pgtbl_v2")]
    public async Task A_reason_the_kernel_left_snp_off_is_named_with_its_fix(string line, string cause, string fix)
    {
        using var tree = HostFixtures.EpycSevOffInModule();
        tree.Write("/var/log/dmesg", File.ReadAllText(HostTree.Sample("dmesg-host-ccp-sev-snp-firmware.txt")) + line + "\n");

        var rmp = Result(await Check(tree), "snp-rmp");

        Assert.Equal(CheckStatus.Warn, rmp.Status);
        Assert.Contains(line, rmp.Evidence);
        Assert.Contains(cause, rmp.Cause);
        Assert.Contains(fix, rmp.Fix);
    }

    [Fact]
    public async Task Without_an_rmp_line_and_with_sev_snp_off_the_kernel_did_not_set_snp_up()
    {
        using var tree = HostFixtures.EpycSevOffInModule();

        var rmp = Result(await Check(tree), "snp-rmp");

        Assert.Equal(CheckStatus.Warn, rmp.Status);
        Assert.Contains("/sys/module/kvm_amd/parameters/sev_snp = N", rmp.Evidence);
        Assert.Contains("did not set SEV-SNP up", rmp.Cause);
    }

    [Fact]
    public async Task A_rotated_rmp_line_is_no_failure_when_sev_snp_is_on()
    {
        using var tree = HostFixtures.FirmwareInitFailed();

        var rmp = Result(await Check(tree), "snp-rmp");

        Assert.Equal(CheckStatus.Skip, rmp.Status);
        Assert.Contains("/sys/module/kvm_amd/parameters/sev_snp = Y", rmp.Evidence);
    }

    [Fact]
    public async Task A_cpu_without_snp_skips_the_rmp_check()
    {
        using var tree = HostFixtures.Intel();

        Assert.Equal(CheckStatus.Skip, Result(await Check(tree), "snp-rmp").Status);
    }
}
