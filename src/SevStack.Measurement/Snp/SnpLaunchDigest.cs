using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SevStack.Measurement.Snp;

/// <summary>
/// The launch digest the PSP extends on every SNP_LAUNCH_UPDATE page: the new digest is SHA-384 of the 0x70-byte
/// PAGE_INFO <c>{digest so far, page contents digest, uint16 length 0x70, uint8 page type, uint8 IMI flag,
/// uint8 VMPL3/2/1 permissions, reserved, uint64 GPA}</c>. Only NORMAL and VMSA pages have a contents digest (SHA-384 of
/// the page); every other type contributes zeros. One instance measures one guest.
/// </summary>
public sealed class SnpLaunchDigest
{
    public const int PageSize = 4096;
    public const int DigestBytes = 48;

    /// <summary>The GPA the PSP records for a VMSA page: (u64)-1 page-aligned, bits above 51 cleared.</summary>
    public const ulong VmsaGpa = 0xFFFF_FFFF_F000;

    const int PageInfoBytes = 0x70;

    readonly byte[] digest;

    /// <summary>Starts from zeros, or from a digest already computed over earlier pages (e.g. the firmware's).</summary>
    public SnpLaunchDigest(ReadOnlySpan<byte> start = default)
    {
        if (!start.IsEmpty && start.Length != DigestBytes)
            throw new ArgumentException($"an SNP launch digest is {DigestBytes} bytes, not {start.Length}", nameof(start));
        digest = start.IsEmpty ? new byte[DigestBytes] : start.ToArray();
    }

    public ReadOnlySpan<byte> Current => digest;

    public void AddNormalPages(ulong gpa, ReadOnlySpan<byte> data)
    {
        RequireWholePages(data.Length);
        for (var offset = 0; offset < data.Length; offset += PageSize)
            Extend(SnpPageType.Normal, gpa + (ulong)offset, SHA384.HashData(data.Slice(offset, PageSize)));
    }

    public void AddZeroPages(ulong gpa, long length) => AddUnmeasuredContents(SnpPageType.Zero, gpa, length);

    public void AddUnmeasuredPages(ulong gpa, long length) => AddUnmeasuredContents(SnpPageType.Unmeasured, gpa, length);

    public void AddSecretsPage(ulong gpa) => Extend(SnpPageType.Secrets, gpa, new byte[DigestBytes]);

    public void AddCpuidPage(ulong gpa) => Extend(SnpPageType.Cpuid, gpa, new byte[DigestBytes]);

    public void AddVmsaPage(ReadOnlySpan<byte> vmsa)
    {
        if (vmsa.Length != PageSize)
            throw new ArgumentException($"a VMSA is one {PageSize}-byte page, not {vmsa.Length} bytes", nameof(vmsa));
        Extend(SnpPageType.Vmsa, VmsaGpa, SHA384.HashData(vmsa));
    }

    void AddUnmeasuredContents(SnpPageType type, ulong gpa, long length)
    {
        RequireWholePages(length);
        for (long offset = 0; offset < length; offset += PageSize)
            Extend(type, gpa + (ulong)offset, new byte[DigestBytes]);
    }

    void Extend(SnpPageType type, ulong gpa, ReadOnlySpan<byte> contents)
    {
        Span<byte> pageInfo = stackalloc byte[PageInfoBytes];
        pageInfo.Clear();
        digest.CopyTo(pageInfo);
        contents.CopyTo(pageInfo[DigestBytes..]);
        BinaryPrimitives.WriteUInt16LittleEndian(pageInfo[0x60..], PageInfoBytes);
        pageInfo[0x62] = (byte)type;
        // 0x63 IMI_PAGE, 0x64-0x66 VMPL3/2/1 permissions, 0x67 reserved: all zero for a launch by the VMM.
        BinaryPrimitives.WriteUInt64LittleEndian(pageInfo[0x68..], gpa);
        SHA384.HashData(pageInfo, digest);
    }

    static void RequireWholePages(long length)
    {
        if (length % PageSize != 0)
            throw new ArgumentException($"SNP pages are measured whole: {length} bytes is not a multiple of {PageSize}", nameof(length));
    }
}
