using System.Globalization;
using System.Text.RegularExpressions;
using SevStack.Toolkit;

namespace SevStack.Components.Kernel;

/// <summary>Picks a flavour's option set by the SEV level of the build, and refuses a level the kernel cannot do.</summary>
public static partial class KernelSecurityOptions
{
    /// <summary>The options of the request's flavour at its level (<see cref="KernelSevOptions"/> or <see cref="KernelSnpOptions"/>).</summary>
    public static IReadOnlyList<KconfigSetting> For(KernelConfigRequest request) => (request.SevLevel, request.Flavour) switch
    {
        (SevBuildLevel.Snp, KernelFlavour.Host) => KernelSnpOptions.Host,
        (SevBuildLevel.Snp, KernelFlavour.Guest) => KernelSnpOptions.Guest,
        (_, KernelFlavour.Host) => KernelSevOptions.Host(request.MemoryEncryptionActiveByDefault),
        _ => KernelSevOptions.Guest(request.MemoryEncryptionActiveByDefault),
    };

    /// <summary>
    /// Fails in one line when the request's level cannot be built: SNP with AMD_MEM_ENCRYPT_ACTIVE_BY_DEFAULT (which no
    /// SNP-capable kernel has), or SNP on a kernel older than the flavour's minimum.
    /// </summary>
    /// <param name="kernelVersion">The tree's version (<see cref="KernelVersion.Read"/>); null while a dry run's tree is not there yet.</param>
    public static void Validate(KernelConfigRequest request, string? kernelVersion)
    {
        if (request.SevLevel != SevBuildLevel.Snp)
            return;
        if (request.MemoryEncryptionActiveByDefault)
            throw new BuildException(
                "AMD_MEM_ENCRYPT_ACTIVE_BY_DEFAULT does not exist in the kernels that can do SEV-SNP (Linux 6.11 and later); drop --amd-mem-encrypt-active-by-default and boot the host with mem_encrypt=on instead.");
        if (kernelVersion is null)
            return;
        var role = request.Flavour == KernelFlavour.Host ? "host" : "guest";
        if (MajorMinor(kernelVersion) is null)
            throw new BuildException($"{request.SourceTree} declares kernel version '{kernelVersion}', which does not start with MAJOR.MINOR; point the build at an unpacked linux source.");
        if (!CanRunSnp(request.Flavour, kernelVersion))
            throw new BuildException(
                $"The {role} kernel source {request.SourceTree} is Linux {kernelVersion}, but an SEV-SNP {role} needs Linux {MinimumSnpVersion(request.Flavour)} or later; fetch a newer kernel (trixie's linux 6.12) or build with --kernel-sev-level sev.");
    }

    /// <summary>Whether a kernel of <paramref name="kernelVersion"/> (e.g. <c>6.12.107</c>, <c>6.11.0-rc1</c>) can be an SEV-SNP host or guest.</summary>
    public static bool CanRunSnp(KernelFlavour flavour, string kernelVersion) =>
        MajorMinor(kernelVersion) is { } version && version >= MinimumSnpVersion(flavour);

    static Version MinimumSnpVersion(KernelFlavour flavour) =>
        flavour == KernelFlavour.Host ? KernelSnpOptions.MinimumHostVersion : KernelSnpOptions.MinimumGuestVersion;

    static Version? MajorMinor(string kernelVersion) =>
        LeadingMajorMinor().Match(kernelVersion) is { Success: true } m
            ? new Version(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))
            : null;

    [GeneratedRegex(@"^(\d{1,4})\.(\d{1,4})")]
    private static partial Regex LeadingMajorMinor();
}
