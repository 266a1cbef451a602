using SevStack.Components.Ovmf;

namespace SevStack.Build.Modules.Ovmf;

/// <summary>BuildOvmf's output: the firmware of each variant built (the first is the one packaged at the top), and the cache key of the build.</summary>
sealed record OvmfBuild(IReadOnlyList<OvmfBuildResult> Variants, string? CacheKey)
{
    /// <summary>The first --ovmf-variant: what SmokeBoot boots and Measure measures.</summary>
    public OvmfBuildResult Firmware => Variants[0];
}

/// <summary>
/// The images are copied into a folder per variant (edk2's Build folder stays in the source tree for incremental
/// rebuilds); the result names them relative to the output folder.
/// </summary>
static class OvmfOutputFolder
{
    public static OvmfBuild Store(TargetOutputFolder output, IReadOnlyList<OvmfBuildResult> built, string? cacheKey)
    {
        output.Reset();
        var stored = built.Select(variant =>
        {
            var folder = output.Resolve(OvmfPackage.VariantFolder(variant.Variant));
            Directory.CreateDirectory(folder);
            string? Copy(string? image)
            {
                if (image is null)
                    return null;
                var copy = Path.Combine(folder, Path.GetFileName(image));
                File.Copy(image, copy, overwrite: true);
                return output.Relative(copy);
            }
            return variant with { FirmwareDirectory = output.Relative(folder), Code = Copy(variant.Code), Vars = Copy(variant.Vars), Combined = Copy(variant.Combined)! };
        }).ToArray();
        output.WriteResult(stored, cacheKey);
        return Read(output);
    }

    public static OvmfBuild Read(TargetOutputFolder output)
    {
        var (stored, key) = output.ReadResult<OvmfBuildResult[]>();
        string? Resolve(string? image) => image is null ? null : output.Resolve(image);
        return new OvmfBuild(stored.Select(variant => variant with
        {
            FirmwareDirectory = output.Resolve(variant.FirmwareDirectory), Code = Resolve(variant.Code), Vars = Resolve(variant.Vars), Combined = Resolve(variant.Combined)!,
        }).ToList(), key);
    }
}
