namespace SevStack.Components.Ovmf;

/// <summary>The firmware builds of the stack.</summary>
public enum OvmfVariant
{
    /// <summary><c>OvmfPkgIa32X64.dsc</c> with SMM and Secure Boot, as the original host script built it.</summary>
    Host,
    /// <summary><c>OvmfPkgX64.dsc</c>, plain, for Kata.</summary>
    Kata,
    /// <summary><c>AmdSev/AmdSevX64.dsc</c>: one stateless image with measured direct boot and an embedded GRUB.</summary>
    AmdSev,
}

public enum OvmfBuildType
{
    Release,
    Debug,
}
