using System.Text.RegularExpressions;
using SevStack.Components.Kernel;
using SevStack.Toolkit.Processes;

namespace SevStack.Build.Tests.E2E;

/// <summary>
/// The bootable host kernel compiled and packaged for real (<c>./build.sh BuildKernel --kernel-config distribution
/// --kernel-modules epyc-server.lsmod.txt</c>): InstallHost's boot-default check accepts its linux-image package, whose
/// config has the SEV host options and whose modules are the server's storage, file system and network drivers and
/// not the drivers the listing does not load. Runs when <see cref="BootableKernelStack"/>'s cache holds the build or
/// <see cref="ColdBuildBudget"/> allows the cold one.
/// </summary>
[Trait("Suite", "E2E")]
public sealed class BootableKernelBuildE2ETests
{
    /// <summary>bench/kernel-configs.sh's trimmed build on this 2-core machine, rounded up.</summary>
    const int ColdMinutes = 25;

    [SkippableFact]
    public async Task The_trimmed_distribution_kernel_is_accepted_as_a_boot_default_and_carries_the_servers_drivers()
    {
        var stack = new BootableKernelStack();
        var refusal = await stack.HasCachedBuildsAsync(["BuildKernel"], BootableKernelStack.TrimmedDistribution) ? null
            : ColdBuildBudget.RefusalFor("The bootable host kernel (BuildKernel --kernel-config distribution --kernel-modules)", ColdMinutes);
        Skip.If(refusal is not null, refusal);

        var (exit, output) = await stack.RunAsync(["BuildKernel", .. BootableKernelStack.TrimmedDistribution]);

        Assert.True(exit == 0, output);
        var runner = new CliWrapCommandRunner(new MemoryBuildLog(), Privilege.Detect());
        var image = Assert.Single(Directory.GetFiles(stack.Out("BuildKernel"), "linux-image-*.deb", SearchOption.AllDirectories), f => !f.Contains("-dbg_", StringComparison.Ordinal));
        Assert.Null(await UnbootableKernelDefault.RefusalAsync(runner, image, "always"));
        var config = await KernelImagePackageConfig.ReadAsync(runner, image);
        Assert.NotNull(config);
        var lost = KernelSevOptions.Host(false).Where(o => o.Check == KconfigCheck.Required && !o.IsSatisfiedBy(config[o.Name])).Select(o => $"{o} (is {config[o.Name] ?? "unset"})");
        Assert.Empty(lost);

        var listing = await runner.RunAsync(new CommandSpec("dpkg-deb", "--contents", image) { IsQuery = true });
        var modules = Regex.Matches(listing.StandardOutput, @"/([\w-]+)\.ko(?:\.xz|\.zst|\.gz)?$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Superset(new HashSet<string> { "kvm-amd", "ccp", "nvme", "ext4", "xfs", "i40e", "mlx5_core", "igb" }, modules);
        Assert.Empty(modules.Intersect(["btrfs", "e1000e", "iwlwifi", "snd-hda-intel"]));
        Assert.InRange(modules.Count, 50, 1500);
    }
}
