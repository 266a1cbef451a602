using SevStack.Components.BuildRoots;
using SevStack.Components.Qemu;
using SevStack.Packaging.Control;
using SevStack.Toolkit.Processes;

namespace SevStack.Build.Tests.E2E;

/// <summary>
/// The snp profile's QEMU 10.0 (Debian 13's source), built in the trixie build root by <c>./build.sh BuildQemu --profile snp</c>:
/// it offers sev-snp-guest with the SNP properties, and dpkg-shlibdeps in the root makes its package depend on trixie's
/// libraries. Runs when the e2e cache holds that build or <see cref="ColdBuildBudget"/> allows a cold one.
/// </summary>
[Trait("Suite", "E2E")]
public sealed class SnpQemuE2ETests
{
    /// <summary>bench/chains.sh on 2 idle cores: the trixie root and its packages 1 minute, QEMU 10 3.5, rounded up.</summary>
    const int ColdMinutes = 10;

    [SkippableFact]
    public async Task Qemu_10_built_for_debian_13_offers_snp_guests_and_depends_on_trixie_s_libraries()
    {
        var stack = new SnpStack();
        var refusal = await stack.HasCachedBuildsAsync(["BuildQemu"]) ? null : ColdBuildBudget.RefusalFor("The SNP QEMU (BuildQemu --profile snp)", ColdMinutes);
        Skip.If(refusal is not null, refusal);

        var (exit, output) = await stack.RunAsync("BuildQemu");

        Assert.True(exit == 0, output);
        var binary = Path.Combine(stack.Out("BuildQemu"), "staging", "opt", "sevstack", "bin", "qemu-system-x86_64");
        var host = new CliWrapCommandRunner(new MemoryBuildLog(), Privilege.Detect());
        var inRoot = new BuildRootRunner(host, stack.BuildRoot, [stack.Root, stack.CacheDirectory, Path.GetTempPath()]);
        var sev = await new QemuSevVerifier(inRoot).VerifyAsync(binary);
        Assert.True(sev.Version >= new Version(10, 0), $"QEMU {sev.Version}: the snp profile pins trixie's 10.0");
        Assert.True(sev.HasSevSnpGuest);
        Assert.Empty(SnpGuestProperties.Required.Except(sev.SnpGuestProperties));

        var depends = await new SharedLibraryDepends(inRoot).ComputeAsync("sevstack-qemu", [binary]);
        // trixie renamed glib for the 64-bit time_t transition; bookworm's libglib2.0-0 would not install there.
        Assert.Contains(depends, d => d.StartsWith("libglib2.0-0t64 ", StringComparison.Ordinal));
        // Built against trixie's glibc 2.41: it needs more than Debian 12's 2.36 (2.38 when measured).
        var libc = Assert.Single(depends, d => d.StartsWith("libc6 (>= ", StringComparison.Ordinal));
        Assert.True(Version.Parse(libc["libc6 (>= ".Length..^1]) > new Version(2, 36), libc);
    }
}
