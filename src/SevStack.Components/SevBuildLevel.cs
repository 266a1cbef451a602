namespace SevStack.Components;

/// <summary>
/// The AMD SEV generation a built component is prepared for: <c>sev</c> (SEV and SEV-ES, as the seed) or <c>snp</c>
/// (SEV-SNP on top: the kernels' SNP options, OVMF's SNP metadata checked).
/// </summary>
public enum SevBuildLevel
{
    Sev,
    Snp,
}
