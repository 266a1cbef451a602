namespace SevStack.Components.Qemu;

/// <summary>The host QEMU (launching SEV guests by hand) or the minimal hardened QEMU Kata runs.</summary>
public enum QemuFlavour
{
    Host,
    Kata,
}
