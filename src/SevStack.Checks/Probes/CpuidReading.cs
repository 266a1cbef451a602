using System.Buffers.Binary;

namespace SevStack.Checks.Probes;

/// <summary>
/// Leaf 0x8000001F of one CPU as read from the <c>cpuid</c> driver (<c>/dev/cpu/N/cpuid</c>, where the file offset is
/// the leaf), or why it could not be read.
/// </summary>
public sealed record CpuidReading(string DevicePath, CpuidLeaf8000001F? Leaf, uint? MaxExtendedLeaf, string? Error)
{
    public static CpuidReading Read(HostFiles files, int cpu = 0)
    {
        var device = $"/dev/cpu/{cpu}/cpuid";
        var leaf = files.ReadAt(device, CpuidLeaf8000001F.Leaf, 16);
        if (leaf.Data is null)
            return new CpuidReading(device, null, null, leaf.Error);
        return new CpuidReading(device, CpuidLeaf8000001F.FromBytes(leaf.Data), ReadMaxExtendedLeaf(files, device), null);
    }

    /// <summary>EAX of leaf 0x80000000; null when it reads as zero (a fixture that only holds leaf 0x8000001F).</summary>
    static uint? ReadMaxExtendedLeaf(HostFiles files, string device)
    {
        var read = files.ReadAt(device, 0x80000000, 16);
        if (read.Data is null) return null;
        var eax = BinaryPrimitives.ReadUInt32LittleEndian(read.Data);
        return eax == 0 ? null : eax;
    }

    /// <summary>False when the CPU says its highest extended leaf is below 0x8000001F, so the leaf's bytes mean nothing.</summary>
    public bool LeafImplemented => MaxExtendedLeaf is not { } max || max >= CpuidLeaf8000001F.Leaf;
}
