using SevStack.Host;

namespace SevStack.Kata.Config;

/// <summary>
/// The Kata guest pieces SevStack's own packages install into a root: sevstack-kata-qemu's QEMU, sevstack-kata-kernel's
/// guest kernel and sevstack-ovmf's single-image firmware. ConfigureKata points Kata at them where no parameter names
/// another, so the guests run our SEV builds rather than the ones bundled with Kata's release.
/// </summary>
public sealed record SevStackKataComponents(string? Hypervisor, string? Kernel, string? Firmware)
{
    /// <summary>
    /// Single-image firmware Kata boots with <c>firmware</c>, under share/sevstack-ovmf: the AmdSevX64 image first (the
    /// firmware Kata's own SEV-SNP configuration boots, for measured direct boot with kernel hashes), which sevstack-ovmf
    /// installs in amd-sev/ unless it is the first --ovmf-variant, then the first variant's image.
    /// </summary>
    static readonly string[] FirmwareImages = [$"{OvmfFolder}/amd-sev/OVMF.fd", $"{OvmfFolder}/OVMF.fd"];

    const string OvmfFolder = "share/sevstack-ovmf";

    /// <param name="installPrefix">The prefix the packages were built for (<c>--install-prefix</c>), as on the target system.</param>
    public static SevStackKataComponents Find(TargetRoot root, string installPrefix)
    {
        var prefix = installPrefix.TrimEnd('/');
        var qemu = $"{prefix}/kata/bin/qemu-system-x86_64";
        var kernels = root.Map($"{prefix}/kata/share/kata-containers");
        var found = Directory.Exists(kernels) ? Directory.GetFiles(kernels, "vmlinuz-*").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList() : [];
        if (found.Count > 1)
            throw new Toolkit.BuildException($"{kernels} holds several guest kernels ({string.Join(", ", found)}): name the one Kata boots with --kata-kernel");
        var kernel = found.SingleOrDefault();
        var firmware = FirmwareImages.Select(image => $"{prefix}/{image}").FirstOrDefault(path => File.Exists(root.Map(path)));
        return new(
            File.Exists(root.Map(qemu)) ? qemu : null,
            kernel is null ? null : $"{prefix}/kata/share/kata-containers/{kernel}",
            firmware);
    }

    /// <summary>The settings with each piece this root has filled in where the settings leave it unset.</summary>
    public KataSettings Fill(KataSettings settings) => settings with
    {
        HypervisorPath = settings.HypervisorPath ?? Hypervisor,
        Kernel = settings.Kernel ?? Kernel,
        Firmware = settings.Firmware ?? Firmware,
    };

    /// <summary>What <see cref="Fill"/> takes from this root, for the log.</summary>
    public IEnumerable<string> Describe(KataSettings settings)
    {
        if (settings.HypervisorPath is null && Hypervisor is not null) yield return $"path = {Hypervisor} (sevstack-kata-qemu)";
        if (settings.Kernel is null && Kernel is not null) yield return $"kernel = {Kernel} (sevstack-kata-kernel)";
        if (settings.Firmware is null && Firmware is not null) yield return $"firmware = {Firmware} (sevstack-ovmf)";
    }
}
