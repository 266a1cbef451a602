namespace SevStack.Components.Kernel;

/// <summary>The outputs of a guest kernel build.</summary>
public sealed record KernelImages(string KernelRelease, string BzImage, string Vmlinux)
{
    /// <summary>The same images with each file path mapped, e.g. made relative to a folder or resolved in it.</summary>
    public KernelImages WithFiles(Func<string, string> map) => this with { BzImage = map(BzImage), Vmlinux = map(Vmlinux) };
}
