namespace SevStack.Components.Kernel;

/// <summary>What <see cref="KernelConfigurator"/> configures: one flavour's out-of-tree build folder.</summary>
/// <param name="SourceTree">The unpacked kernel source (from the sources stage).</param>
/// <param name="ObjectDirectory">The O= build folder of this flavour; keep host and guest apart.</param>
public sealed record KernelConfigRequest(string SourceTree, string ObjectDirectory, KernelFlavour Flavour, KernelConfigBase Base)
{
    /// <summary>
    /// AMD_MEM_ENCRYPT_ACTIVE_BY_DEFAULT: makes kvm_amd's sev parameter default to on, but also turns SME on
    /// for the whole host, which some hosts cannot boot with (RAID drivers). Off unless asked for.
    /// </summary>
    public bool MemoryEncryptionActiveByDefault { get; init; }

    /// <summary>Which option set the flavour gets: the SEV options, or the SEV-SNP ones (<see cref="KernelSecurityOptions"/>).</summary>
    public SevBuildLevel SevLevel { get; init; } = SevBuildLevel.Sev;

    /// <summary>Folder of extra <c>*.config</c> fragments (the repository's <c>patches/kernel</c>); none when null or absent.</summary>
    public string? FragmentsDirectory { get; init; }

    /// <summary>The build's ccache, for the host programs that configuring compiles (see <see cref="KernelToolVariables.HostPrograms"/>).</summary>
    public Ccache.CompilerCache? CompilerCache { get; init; }

    /// <summary>
    /// The distribution base as a file (Debian's <c>linux-config-*</c> config, see <see cref="DebianConfigPackage"/>); when null,
    /// the <c>distribution</c> base is merged from the tree's own <c>debian/config</c>.
    /// </summary>
    public string? DistributionConfigFile { get; init; }

    /// <summary><c>lsmod</c> output of the target host: <c>make localmodconfig</c> trims the base to those modules.</summary>
    public string? ModulesListing { get; init; }

    /// <summary>Where <c>/boot/config-$(uname -r)</c> is looked up for the <c>running</c> base.</summary>
    public string HostRoot { get; init; } = "/";
}
