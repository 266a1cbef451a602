using System.Buffers.Binary;
using SevStack.Toolkit;
using SevStack.Measurement.Firmware;

namespace SevStack.Components.Ovmf;

/// <summary>
/// The GUIDed table at the end of an OVMF image (edk2 OvmfPkg/ResetVector), which QEMU reads to find the SEV
/// areas: a footer GUID 48 bytes before the end, the table's total length in the two bytes before it, and entries
/// laid out backwards, each as data, a 16-bit length (data + 18) and its GUID.
/// </summary>
public static class OvmfFooterTable
{
    public static readonly Guid Footer = FooterGuids.TableFooter;
    public static readonly Guid SevSecret = FooterGuids.SevSecret;
    public static readonly Guid SevKernelHashes = FooterGuids.SevHashTableArea;
    public static readonly Guid SevEsResetBlock = FooterGuids.SevEsResetBlock;

    const int FooterOffsetFromEnd = 48, EntryHeader = 18;

    /// <summary>The entries by GUID; empty when the image has no footer table (edk2 before 2020, or not OVMF).</summary>
    public static IReadOnlyDictionary<Guid, byte[]> Read(ReadOnlySpan<byte> image)
    {
        var entries = new Dictionary<Guid, byte[]>();
        var footer = image.Length - FooterOffsetFromEnd;
        if (footer < 2 || new Guid(image.Slice(footer, 16)) != Footer)
            return entries;
        var tableEnd = footer - 2;
        var tableStart = tableEnd - (BinaryPrimitives.ReadUInt16LittleEndian(image[tableEnd..]) - EntryHeader);
        if (tableStart < 0 || tableStart > tableEnd)
            throw new BuildException("the OVMF footer table's length points outside the image; the image is damaged.");
        for (var end = tableEnd; end - EntryHeader >= tableStart;)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(image[(end - EntryHeader)..]);
            if (length < EntryHeader || end - length < tableStart)
                throw new BuildException($"the OVMF footer table has an entry of length {length} at {end - EntryHeader} from the table; the image is damaged.");
            entries[new Guid(image.Slice(end - 16, 16))] = image[(end - length)..(end - EntryHeader)].ToArray();
            end -= length;
        }
        return entries;
    }

    /// <summary>The entries an image of <paramref name="variant"/> must have: AmdSev reserves the SEV secret and the kernel-hashes areas.</summary>
    public static IReadOnlyList<(Guid Guid, string Name)> Expected(OvmfVariant variant) => variant == OvmfVariant.AmdSev
        ? [(SevSecret, "SEV secret area"), (SevKernelHashes, "SEV kernel-hashes area")]
        : [];

    /// <summary>Reads the image's last 4 KiB and fails in one line when an expected area is missing or empty; returns the entries found.</summary>
    public static IReadOnlyDictionary<Guid, byte[]> Require(string image, OvmfVariant variant)
    {
        using var file = File.OpenRead(image);
        var tail = new byte[Math.Min(4096, file.Length)];
        file.Seek(-tail.Length, SeekOrigin.End);
        file.ReadExactly(tail);
        var entries = Read(tail);
        foreach (var (guid, name) in Expected(variant))
        {
            // Both areas are a 32-bit base and a 32-bit size; a zero size reserves nothing.
            if (!entries.TryGetValue(guid, out var data) || data.Length < 8 || BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(4)) == 0)
                throw new BuildException($"{image} has no {name} ({guid}) in its footer table, which the {variant} OVMF reserves; this edk2 tree cannot launch SEV guests with injected secrets (use a newer edk2).");
        }
        return entries;
    }
}
