using SevStack.Components.Qemu;

namespace SevStack.Build.Modules.Qemu;

/// <summary>BuildQemu's or BuildKataQemu's output: QEMU staged under its install prefix, and the cache key of the build that made it.</summary>
sealed record QemuBuild(QemuBuildResult Result, string? CacheKey);

/// <summary>QEMU is staged straight into its output folder, so the cache entry is the staged tree; the result names it relative to the folder.</summary>
static class QemuOutputFolder
{
    public static string Staging(TargetOutputFolder output) => output.Resolve("staging");

    public static QemuBuild Store(TargetOutputFolder output, QemuBuildResult built, string? cacheKey)
    {
        output.WriteResult(built.WithFiles(output.Relative), cacheKey);
        return Read(output);
    }

    public static QemuBuild Read(TargetOutputFolder output)
    {
        var (stored, key) = output.ReadResult<QemuBuildResult>();
        return new QemuBuild(stored.WithFiles(output.Resolve), key);
    }
}
