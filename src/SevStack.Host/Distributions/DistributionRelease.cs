namespace SevStack.Host.Distributions;

/// <summary>What the host installers need to know about one release of a Debian-family distribution, as its archive ships it.</summary>
/// <param name="Id">ID in /etc/os-release ("debian", "ubuntu").</param>
/// <param name="VersionId">VERSION_ID in /etc/os-release ("12", "22.04").</param>
/// <param name="Codename">The suite name of its archive.</param>
/// <param name="Glibc">The libc6 upstream version: packages built against a newer one do not install there.</param>
/// <param name="Apt">The apt version of the release.</param>
/// <param name="StockKernel">The kernel of the release: its kvm_amd knows sev from 4.16, sev_es from 5.11, sev_snp from 6.11.</param>
/// <param name="SourceFormat">How the release's own apt sources are written (and so the installer's temporary source).</param>
/// <param name="Grub">The GRUB commands and paths of the release.</param>
/// <param name="Libraries">Runtime libraries whose package name differs between releases, by what they are (absent: not in the release).</param>
public sealed record DistributionRelease(string Id, string VersionId, string Codename, string Glibc, string Apt, string StockKernel,
    AptSourceFormat SourceFormat, GrubTools Grub, IReadOnlyDictionary<string, string> Libraries)
{
    public override string ToString() => $"{Id} {VersionId} ({Codename})";
}

/// <summary>One-line <c>.list</c> files (every apt) or deb822 <c>.sources</c> files (apt 1.1 and later; the default format from Debian 13 and Ubuntu 24.04).</summary>
public enum AptSourceFormat
{
    OneLineList,
    Deb822Sources,
}

/// <param name="Update">Regenerates grub.cfg from /etc/default/grub (and the drop-ins).</param>
/// <param name="SetDefault">Saves the default entry in grubenv.</param>
/// <param name="Reboot">Saves the entry for the next boot only.</param>
/// <param name="DropInFolder">The folder of *.cfg drop-ins update-grub reads after /etc/default/grub; null when it reads none.</param>
/// <param name="Packages">The packages that ship these commands.</param>
public sealed record GrubTools(string Update, string SetDefault, string Reboot, string? DropInFolder, string Config, string Environment,
    IReadOnlyList<string> Packages)
{
    /// <summary>Debian's GRUB 2 packaging, which Ubuntu shares: update-grub, grub-set-default, grub-reboot, /etc/default/grub.d.</summary>
    public static GrubTools Debian { get; } = new("update-grub", "grub-set-default", "grub-reboot", "/etc/default/grub.d",
        "/boot/grub/grub.cfg", "/boot/grub/grubenv", ["grub-common", "grub2-common"]);
}
