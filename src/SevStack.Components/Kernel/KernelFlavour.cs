namespace SevStack.Components.Kernel;

/// <summary>The SEV host kernel (packaged as .deb) or the Kata guest kernel (bzImage + vmlinux).</summary>
public enum KernelFlavour
{
    Host,
    Guest,
}
