namespace SevStack.Components.Kernel;

/// <summary>The outputs of a guest kernel build.</summary>
public sealed record KernelImages(string KernelRelease, string BzImage, string Vmlinux);
