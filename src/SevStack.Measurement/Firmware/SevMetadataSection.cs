namespace SevStack.Measurement.Firmware;

/// <summary>What a guest-physical range listed in OVMF's SNP metadata holds (edk2 OvmfPkg/ResetVector/X64/OvmfSevMetadata.asm).</summary>
public enum SevMetadataSectionType : uint
{
    /// <summary>Memory the firmware expects pre-validated and zeroed (measured as ZERO pages).</summary>
    SnpSecMem = 1,

    /// <summary>The SNP secrets page the PSP fills.</summary>
    SnpSecrets = 2,

    /// <summary>The CPUID page the PSP validates.</summary>
    Cpuid = 3,

    /// <summary>The SVSM calling-area page (zeroed).</summary>
    SvsmCaa = 4,

    /// <summary>The page QEMU fills with the SEV hashes table for measured direct boot.</summary>
    SnpKernelHashes = 0x10,
}

/// <summary>One entry of the "ASEV" metadata: a range of guest-physical memory and what it holds.</summary>
public sealed record SevMetadataSection(uint Gpa, uint Size, SevMetadataSectionType Type);
