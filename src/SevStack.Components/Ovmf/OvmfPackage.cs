using SevStack.Components.Packages;
using SevStack.Packaging.Inputs;
using SevStack.Sources;

namespace SevStack.Components.Ovmf;

/// <summary>The sevstack-ovmf package: the firmware images under &lt;prefix&gt;/share/sevstack-ovmf.</summary>
public static class OvmfPackage
{
    public static DebPackageSpec Spec(PackageSettings settings, FetchedSource source, OvmfBuildResult ovmf, string cacheKey, string staging)
    {
        var firmware = PackageSettings.FreshStaging(staging, settings.Prefix.ToString().TrimStart('/'), "share", "sevstack-ovmf");
        foreach (var image in new[] { ovmf.Code, ovmf.Vars, ovmf.Combined }.OfType<string>().Distinct())
            File.Copy(image, Path.Combine(firmware, Path.GetFileName(image)));
        return settings.Common(source, cacheKey) with
        {
            Name = "sevstack-ovmf", UpstreamVersion = source.Identity.UpstreamVersion(), Architecture = "all",
            Summary = "UEFI firmware (OVMF) for AMD SEV guests",
            LongDescription = $"OVMF ({ovmf.Variant} platform) built by SevStack from edk2 for SEV guests, installed under {settings.Prefix}/share/sevstack-ovmf.",
            StagingRoot = staging, Section = "misc", Homepage = "https://github.com/tianocore/edk2", Strip = false,
            Copyright = new CopyrightNotice("TianoCore contributors", "BSD-2-Clause-Patent",
                "Redistribution and use in source and binary forms, with or without modification, are permitted under the BSD-2-Clause-Patent license."),
        };
    }
}
