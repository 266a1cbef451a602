using System.Buffers.Binary;

namespace SevStack.Measurement.Tests;

/// <summary>
/// A reset-state VMSA written from the AMD64 APM volume 2 save-area offsets (table B-4) and the x86 reset values, field
/// by field, independently of the library's builder: segments at 0x00-0x90 (selector, attributes, limit, base), EFER 0xd0,
/// CR4 0x148, CR0 0x158, DR7 0x160, DR6 0x168, RFLAGS 0x170, RIP 0x178, G_PAT 0x268, RDX 0x310, SEV_FEATURES 0x3b0,
/// XCR0 0x3e8, MXCSR 0x408, x87 FCW 0x410.
/// </summary>
static class ExpectedVmsa
{
    public static byte[] Page(uint eip, uint rdx, ulong sevFeatures)
    {
        var page = new byte[4096];
        (int Offset, ushort Selector, ushort Attributes, ulong Base)[] segments =
        [
            (0x00, 0, 0x93, 0), (0x10, 0xF000, 0x9B, eip & 0xFFFF0000), (0x20, 0, 0x93, 0), (0x30, 0, 0x93, 0),
            (0x40, 0, 0x93, 0), (0x50, 0, 0x93, 0), (0x60, 0, 0, 0), (0x70, 0, 0x82, 0), (0x80, 0, 0, 0), (0x90, 0, 0x8B, 0),
        ];
        foreach (var (offset, selector, attributes, baseAddress) in segments)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(page.AsSpan(offset), selector);
            BinaryPrimitives.WriteUInt16LittleEndian(page.AsSpan(offset + 2), attributes);
            BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(offset + 4), 0xFFFF);
            BinaryPrimitives.WriteUInt64LittleEndian(page.AsSpan(offset + 8), baseAddress);
        }
        (int Offset, ulong Value)[] registers =
        [
            (0xD0, 0x1000), (0x148, 0x40), (0x158, 0x10), (0x160, 0x400), (0x168, 0xFFFF0FF0), (0x170, 0x2),
            (0x178, eip & 0xFFFF), (0x268, 0x0007040600070406), (0x310, rdx), (0x3B0, sevFeatures), (0x3E8, 0x1),
        ];
        foreach (var (offset, value) in registers)
            BinaryPrimitives.WriteUInt64LittleEndian(page.AsSpan(offset), value);
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(0x408), 0x1F80);
        BinaryPrimitives.WriteUInt16LittleEndian(page.AsSpan(0x410), 0x37F);
        return page;
    }
}
