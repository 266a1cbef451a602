namespace SevStack.Host;

/// <summary>How the installed kernel becomes the one GRUB boots.</summary>
public enum GrubDefaultMode
{
    /// <summary>GRUB_DEFAULT=saved and grub-set-default: every boot.</summary>
    Always,
    /// <summary>grub-reboot: the next boot only.</summary>
    Once,
    /// <summary>Leave the boot default alone.</summary>
    No,
}
