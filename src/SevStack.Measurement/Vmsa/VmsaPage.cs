using System.Buffers.Binary;

namespace SevStack.Measurement.Vmsa;

/// <summary>
/// The initial VMSA (the SEV-ES save area, AMD64 APM volume 2, table B-4) of a vCPU as QEMU and KVM set it at reset and
/// encrypt it with LAUNCH_UPDATE_VMSA: real mode at the reset address, with the register values below; every other byte is zero.
/// </summary>
public static class VmsaPage
{
    public const int Size = 4096;

    /// <summary>Where the bootstrap processor starts: the x86 reset vector.</summary>
    public const uint BspResetAddress = 0xFFFF_FFF0;

    const int Es = 0x000, Cs = 0x010, Ss = 0x020, Ds = 0x030, Fs = 0x040, Gs = 0x050, Gdtr = 0x060, Ldtr = 0x070, Idtr = 0x080, Tr = 0x090;
    const int Efer = 0x0D0, Cr4 = 0x148, Cr0 = 0x158, Dr7 = 0x160, Dr6 = 0x168, Rflags = 0x170, Rip = 0x178;
    const int GuestPat = 0x268, Rdx = 0x310, SevFeatures = 0x3B0, Xcr0 = 0x3E8, Mxcsr = 0x408, X87ControlWord = 0x410;

    // Segment attributes in VMCB form (type | S<<4 | DPL<<5 | P<<7 | ...): present read/write data, present
    // execute/read code, the LDT and a busy 32-bit TSS, as QEMU's x86 CPU reset loads them.
    const ushort DataSegment = 0x93, CodeSegment = 0x9B, LdtSegment = 0x82, TssSegment = 0x8B;
    const uint RealModeLimit = 0xFFFF;

    public static byte[] Build(uint resetAddress, uint cpuidSignature, ulong sevFeatures)
    {
        var page = new byte[Size];
        var span = page.AsSpan();
        Segment(span, Es, 0, DataSegment, 0);
        // Real mode reaches the reset address through CS: selector 0xF000 with the base set to the address's top 16 bits.
        Segment(span, Cs, 0xF000, CodeSegment, resetAddress & 0xFFFF_0000);
        Segment(span, Ss, 0, DataSegment, 0);
        Segment(span, Ds, 0, DataSegment, 0);
        Segment(span, Fs, 0, DataSegment, 0);
        Segment(span, Gs, 0, DataSegment, 0);
        Segment(span, Gdtr, 0, 0, 0);
        Segment(span, Ldtr, 0, LdtSegment, 0);
        Segment(span, Idtr, 0, 0, 0);
        Segment(span, Tr, 0, TssSegment, 0);
        Write64(span, Efer, 0x1000);                // EFER.SVME: KVM sets it for every SVM guest
        Write64(span, Cr4, 0x40);                   // CR4.MCE: KVM sets it
        Write64(span, Cr0, 0x10);                   // CR0.ET, the reset value
        Write64(span, Dr7, 0x400);
        Write64(span, Dr6, 0xFFFF_0FF0);
        Write64(span, Rflags, 0x2);
        Write64(span, Rip, resetAddress & 0xFFFF);
        Write64(span, GuestPat, 0x0007_0406_0007_0406);  // the PAT MSR's power-on value (APM volume 2, A.3)
        Write64(span, Rdx, cpuidSignature);
        Write64(span, SevFeatures, sevFeatures);
        Write64(span, Xcr0, 0x1);
        BinaryPrimitives.WriteUInt32LittleEndian(span[Mxcsr..], 0x1F80);
        BinaryPrimitives.WriteUInt16LittleEndian(span[X87ControlWord..], 0x37F);
        return page;
    }

    /// <summary>One VMSA per vCPU: the bootstrap processor at the reset vector, the others at the firmware's AP reset address.</summary>
    public static IReadOnlyList<byte[]> ForVcpus(int count, uint? apResetAddress, uint cpuidSignature, ulong sevFeatures, string firmware)
    {
        if (count > 1 && apResetAddress is null)
            throw new MeasurementException($"{firmware} has no SEV-ES reset block in its footer table, so its {count - 1} application processor(s) cannot start: use an OVMF built with SEV-ES support, or 1 vCPU");
        var bsp = Build(BspResetAddress, cpuidSignature, sevFeatures);
        var ap = count > 1 ? Build(apResetAddress!.Value, cpuidSignature, sevFeatures) : bsp;
        return [bsp, .. Enumerable.Repeat(ap, count - 1)];
    }

    static void Segment(Span<byte> page, int offset, ushort selector, ushort attributes, ulong baseAddress)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(page[offset..], selector);
        BinaryPrimitives.WriteUInt16LittleEndian(page[(offset + 2)..], attributes);
        BinaryPrimitives.WriteUInt32LittleEndian(page[(offset + 4)..], RealModeLimit);
        BinaryPrimitives.WriteUInt64LittleEndian(page[(offset + 8)..], baseAddress);
    }

    static void Write64(Span<byte> page, int offset, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(page[offset..], value);
}
