using SevStack.Components.Packages;
using SevStack.Packaging.Inputs;
using SevStack.Sources;

namespace SevStack.Components.Kernel;

/// <summary>The sevstack-kata-kernel package: the guest kernel where Kata's kernel setting finds it.</summary>
public static class GuestKernelPackage
{
    public static DebPackageSpec Spec(PackageSettings settings, FetchedSource source, KernelImages guest, string cacheKey, string staging)
    {
        var folder = PackageSettings.FreshStaging(staging, settings.Prefix.ToString().TrimStart('/'), "kata", "share", "kata-containers");
        File.Copy(guest.BzImage, Path.Combine(folder, $"vmlinuz-{guest.KernelRelease}"));
        return settings.Common(source, cacheKey) with
        {
            Name = "sevstack-kata-kernel", UpstreamVersion = guest.KernelRelease.Split('-')[0], Architecture = "amd64",
            Summary = "Linux kernel for Kata Containers guests with AMD SEV",
            LongDescription = $"The Kata guest kernel {guest.KernelRelease} built by SevStack (SEV guest options on, PSP/CCP off), " +
                $"installed as {settings.Prefix}/kata/share/kata-containers/vmlinuz-{guest.KernelRelease} for Kata's kernel setting.",
            StagingRoot = staging, Section = "kernel", Homepage = "https://www.kernel.org", Strip = false,
            Copyright = new CopyrightNotice("Linus Torvalds and the Linux kernel contributors", "GPL-2",
                "On Debian systems, the complete text of the GPL-2 can be found in /usr/share/common-licenses/GPL-2."),
        };
    }
}
