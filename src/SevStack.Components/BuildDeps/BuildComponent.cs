namespace SevStack.Components.BuildDeps;

/// <summary>A part of the stack whose build needs its own Debian packages.</summary>
public enum BuildComponent
{
    Kernel,
    Qemu,
    Ovmf,
    OvmfAmdSev,
    SmokeBoot,
    CompilerCache,
    KataQemu,
    /// <summary>What makes and enters a build root on this machine (--build-release).</summary>
    BuildRoot,
}
