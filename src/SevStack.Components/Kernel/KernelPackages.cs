namespace SevStack.Components.Kernel;

/// <summary>The .deb files of a host kernel build.</summary>
/// <param name="Headers">Null when the config has no module support (bindeb-pkg then makes no headers package).</param>
public sealed record KernelPackages(string KernelRelease, string PackageVersion, string Image, string? Headers, string LibcDev)
{
    public IReadOnlyList<string> All => Headers is null ? [Image, LibcDev] : [Image, Headers, LibcDev];

    /// <summary>The same packages with each file path mapped, e.g. made relative to a folder or resolved in it.</summary>
    public KernelPackages WithFiles(Func<string, string> map) =>
        this with { Image = map(Image), Headers = Headers is null ? null : map(Headers), LibcDev = map(LibcDev) };
}
