using SevStack.Build.Outputs;
using SevStack.Components.Kernel;
using SevStack.Components.Qemu;
using SevStack.Packaging.Inputs;

namespace SevStack.Build;

/// <summary>
/// The packages of the Kata flavours: PackageDebs makes them when BuildGuestKernel or BuildKataQemu is in the same run
/// (e.g. <c>./build.sh BuildGuestKernel BuildKataQemu PackageDebs</c>), so the default PackageDebs builds neither.
/// </summary>
sealed partial class Build
{
    KernelImages? PlannedGuestKernel => IsPlanned(nameof(BuildGuestKernel)) ? GuestKernelImages : null;
    QemuBuildResult KataQemu => BuiltKataQemu ??= ComponentResults.ReadQemu(OutputOf(nameof(BuildKataQemu)));

    IEnumerable<DebPackageSpec> KataFlavourPackages(SevStack.Packaging.Inputs.InstallPrefix prefix)
    {
        if (PlannedGuestKernel is { } guest)
            yield return GuestKernelPackage(guest, prefix);
        if (IsPlanned(nameof(BuildKataQemu)))
            yield return KataQemuPackage(prefix);
    }

    /// <summary>The cache keys of the Kata flavour builds in this run, which join PackageDebs' key.</summary>
    string KataFlavourKeys() => string.Join(' ', new[] { nameof(BuildGuestKernel), nameof(BuildKataQemu) }
        .Where(IsPlanned)
        .Select(target => $"{target}={(IsDryRun ? "" : OutputOf(target).ReadCacheKey())}"));

    DebPackageSpec GuestKernelPackage(KernelImages guest, SevStack.Packaging.Inputs.InstallPrefix prefix)
    {
        var source = Fetched(FetchedGuestKernel, "guest-kernel");
        var staging = Path.Combine(BuildRoot, "kata-kernel-staging");
        var folder = Path.Combine(staging, prefix.ToString().TrimStart('/'), "kata", "share", "kata-containers");
        if (Directory.Exists(staging))
            Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(folder);
        File.Copy(guest.BzImage, Path.Combine(folder, $"vmlinuz-{guest.KernelRelease}"));
        var version = guest.KernelRelease.Split('-')[0];
        return CommonSpec(source, prefix, BuildKeyOf(nameof(BuildGuestKernel), source)) with
        {
            Name = "sevstack-kata-kernel", UpstreamVersion = version, Architecture = "amd64",
            Summary = "Linux kernel for Kata Containers guests with AMD SEV",
            LongDescription = $"The Kata guest kernel {guest.KernelRelease} built by SevStack (SEV guest options on, PSP/CCP off), " +
                $"installed as {prefix}/kata/share/kata-containers/vmlinuz-{guest.KernelRelease} for Kata's kernel setting.",
            StagingRoot = staging, Section = "kernel", Homepage = "https://www.kernel.org", Strip = false,
            Copyright = new CopyrightNotice("Linus Torvalds and the Linux kernel contributors", "GPL-2",
                "On Debian systems, the complete text of the GPL-2 can be found in /usr/share/common-licenses/GPL-2."),
        };
    }

    DebPackageSpec KataQemuPackage(SevStack.Packaging.Inputs.InstallPrefix prefix) =>
        QemuFlavourPackage(prefix, nameof(BuildKataQemu), KataQemu) with
        {
            Name = "sevstack-kata-qemu",
            Summary = "QEMU for Kata Containers guests with AMD SEV",
            LongDescription = $"QEMU {QemuVersion()} in Kata's hardened flavour (KVM only, no TCG, vhost-net and virtfs) built by SevStack, " +
                $"installed under {prefix}/kata apart from sevstack-qemu.",
        };
}
