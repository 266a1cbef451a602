using SevStack.Components.Packages;
using SevStack.Packaging.Inputs;
using SevStack.Sources;

namespace SevStack.Components.Ovmf;

/// <summary>The sevstack-ovmf package: the firmware images under &lt;prefix&gt;/share/sevstack-ovmf.</summary>
public static class OvmfPackage
{
    /// <param name="variants">The first variant's images go to share/sevstack-ovmf itself, each other's to a folder of its name.</param>
    /// <param name="dryRun">A dry run whose build only printed its commands leaves the staging alone when the images are not there.</param>
    public static DebPackageSpec Spec(PackageSettings settings, FetchedSource source, IReadOnlyList<OvmfBuildResult> variants, string cacheKey, string staging,
        bool dryRun = false)
    {
        var images = variants.SelectMany(v => new[] { v.Code, v.Vars, v.Combined }.OfType<string>());
        var firmware = dryRun && !images.All(File.Exists) ? null : PackageSettings.FreshStaging(staging, settings.Prefix.ToString().TrimStart('/'), "share", "sevstack-ovmf");
        for (var i = 0; firmware is not null && i < variants.Count; i++)
        {
            var folder = i == 0 ? firmware : Directory.CreateDirectory(Path.Combine(firmware, VariantFolder(variants[i].Variant))).FullName;
            foreach (var image in new[] { variants[i].Code, variants[i].Vars, variants[i].Combined }.OfType<string>().Distinct())
                File.Copy(image, Path.Combine(folder, Path.GetFileName(image)));
        }
        return settings.Common(source, cacheKey) with
        {
            Name = "sevstack-ovmf", UpstreamVersion = source.Identity.UpstreamVersion(), Architecture = "all",
            Summary = "UEFI firmware (OVMF) for AMD SEV guests",
            LongDescription = $"OVMF ({string.Join(", ", variants.Select(v => v.Variant))} {(variants.Count == 1 ? "platform" : "platforms")}) built by SevStack from edk2 for SEV guests, " +
                $"installed under {settings.Prefix}/share/sevstack-ovmf" + (variants.Count == 1 ? "." : $" (the first there, the others in a folder of their name, e.g. {VariantFolder(variants[1].Variant)}/)."),
            StagingRoot = staging, Section = "misc", Homepage = "https://github.com/tianocore/edk2", Strip = false,
            Copyright = new CopyrightNotice("TianoCore contributors", "BSD-2-Clause-Patent",
                "Redistribution and use in source and binary forms, with or without modification, are permitted under the BSD-2-Clause-Patent license."),
        };
    }

    /// <summary>host, kata or amd-sev, as --ovmf-variant spells them.</summary>
    public static string VariantFolder(OvmfVariant variant) => variant switch
    {
        OvmfVariant.AmdSev => "amd-sev",
        _ => variant.ToString().ToLowerInvariant(),
    };
}
