using SevStack.Components.Kernel;
using SevStack.Components.Ovmf;
using SevStack.Components.Qemu;

namespace SevStack.Build.Outputs;

/// <summary>
/// Each component's result stored in its output folder (files moved or copied in, paths kept relative) and read back
/// with absolute paths, whether the build ran now or its folder was restored from the cache.
/// </summary>
static class ComponentResults
{
    public static KernelPackages StoreHostKernel(TargetOutputFolder output, KernelPackages built, string? cacheKey)
    {
        output.Reset();
        output.WriteResult(built with
        {
            Image = output.Take(built.Image),
            Headers = built.Headers is { } headers ? output.Take(headers) : null,
            LibcDev = output.Take(built.LibcDev),
        }, cacheKey);
        return ReadHostKernel(output).Result;
    }

    public static (KernelPackages Result, string? CacheKey) ReadHostKernel(TargetOutputFolder output)
    {
        var (stored, key) = output.ReadResult<KernelPackages>();
        return (stored with
        {
            Image = output.Resolve(stored.Image),
            Headers = stored.Headers is { } headers ? output.Resolve(headers) : null,
            LibcDev = output.Resolve(stored.LibcDev),
        }, key);
    }

    public static KernelImages StoreGuestKernel(TargetOutputFolder output, KernelImages built, string? cacheKey)
    {
        output.Reset();
        output.WriteResult(built with { BzImage = output.Take(built.BzImage, keepOriginal: true), Vmlinux = output.Take(built.Vmlinux, keepOriginal: true) }, cacheKey);
        return ReadGuestKernel(output);
    }

    public static KernelImages ReadGuestKernel(TargetOutputFolder output)
    {
        var stored = output.ReadResult<KernelImages>().Result;
        return stored with { BzImage = output.Resolve(stored.BzImage), Vmlinux = output.Resolve(stored.Vmlinux) };
    }

    /// <summary>QEMU is staged straight into its output folder, so the cache entry is the staged tree.</summary>
    public static string QemuStaging(TargetOutputFolder output) => output.Resolve("staging");

    public static QemuBuildResult StoreQemu(TargetOutputFolder output, QemuBuildResult built, string? cacheKey)
    {
        output.WriteResult(built with
        {
            StagingDirectory = output.Relative(built.StagingDirectory),
            SystemBinary = output.Relative(built.SystemBinary),
            Sev = built.Sev is { } sev ? sev with { Binary = output.Relative(sev.Binary) } : null,
        }, cacheKey);
        return ReadQemu(output);
    }

    public static QemuBuildResult ReadQemu(TargetOutputFolder output)
    {
        var stored = output.ReadResult<QemuBuildResult>().Result;
        return stored with
        {
            StagingDirectory = output.Resolve(stored.StagingDirectory),
            SystemBinary = output.Resolve(stored.SystemBinary),
            Sev = stored.Sev is { } sev ? sev with { Binary = output.Resolve(sev.Binary) } : null,
        };
    }

    /// <summary>The images are copied: edk2's Build folder stays in the source tree for incremental rebuilds.</summary>
    public static OvmfBuildResult StoreOvmf(TargetOutputFolder output, OvmfBuildResult built, string? cacheKey)
    {
        output.Reset();
        string? Copy(string? image) => image is null ? null : output.Take(image, keepOriginal: true);
        output.WriteResult(built with { FirmwareDirectory = ".", Code = Copy(built.Code), Vars = Copy(built.Vars), Combined = Copy(built.Combined)! }, cacheKey);
        return ReadOvmf(output);
    }

    public static OvmfBuildResult ReadOvmf(TargetOutputFolder output)
    {
        var stored = output.ReadResult<OvmfBuildResult>().Result;
        string? Resolve(string? image) => image is null ? null : output.Resolve(image);
        return stored with { FirmwareDirectory = output.Path, Code = Resolve(stored.Code), Vars = Resolve(stored.Vars), Combined = Resolve(stored.Combined)! };
    }
}
