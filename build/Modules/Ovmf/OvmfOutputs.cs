using SevStack.Components.Ovmf;

namespace SevStack.Build.Modules.Ovmf;

/// <summary>BuildOvmf's output: the firmware images, and the cache key of the build that made them.</summary>
sealed record OvmfBuild(OvmfBuildResult Firmware, string? CacheKey);

/// <summary>The images are copied into the output folder: edk2's Build folder stays in the source tree for incremental rebuilds.</summary>
static class OvmfOutputFolder
{
    public static OvmfBuild Store(TargetOutputFolder output, OvmfBuildResult built, string? cacheKey)
    {
        output.Reset();
        string? Copy(string? image) => image is null ? null : output.Take(image, keepOriginal: true);
        output.WriteResult(built with { FirmwareDirectory = ".", Code = Copy(built.Code), Vars = Copy(built.Vars), Combined = Copy(built.Combined)! }, cacheKey);
        return Read(output);
    }

    public static OvmfBuild Read(TargetOutputFolder output)
    {
        var (stored, key) = output.ReadResult<OvmfBuildResult>();
        string? Resolve(string? image) => image is null ? null : output.Resolve(image);
        return new OvmfBuild(stored with { FirmwareDirectory = output.Path, Code = Resolve(stored.Code), Vars = Resolve(stored.Vars), Combined = Resolve(stored.Combined)! }, key);
    }
}
