using SevStack.Components.Kernel;

namespace SevStack.Build.Modules.Kernel;

/// <summary>BuildKernel's output: the host kernel's .deb files, and the cache key of the build that made them.</summary>
sealed record KernelBuild(KernelPackages Packages, string? CacheKey);

/// <summary>BuildGuestKernel's output: the Kata guest kernel images, and the cache key of the build that made them.</summary>
sealed record GuestKernelBuild(KernelImages Images, string? CacheKey);

/// <summary>The kernels' results in their output folders (files moved or copied in, paths kept relative), read back with absolute paths.</summary>
static class KernelOutputFolders
{
    public static KernelBuild StoreHost(TargetOutputFolder output, KernelPackages built, string? cacheKey)
    {
        output.Reset();
        output.WriteResult(built.WithFiles(file => output.Take(file)), cacheKey);
        return ReadHost(output);
    }

    public static KernelBuild ReadHost(TargetOutputFolder output)
    {
        var (stored, key) = output.ReadResult<KernelPackages>();
        return new KernelBuild(stored.WithFiles(output.Resolve), key);
    }

    public static GuestKernelBuild StoreGuest(TargetOutputFolder output, KernelImages built, string? cacheKey)
    {
        output.Reset();
        output.WriteResult(built.WithFiles(file => output.Take(file, keepOriginal: true)), cacheKey);
        return ReadGuest(output);
    }

    public static GuestKernelBuild ReadGuest(TargetOutputFolder output)
    {
        var (stored, key) = output.ReadResult<KernelImages>();
        return new GuestKernelBuild(stored.WithFiles(output.Resolve), key);
    }
}
