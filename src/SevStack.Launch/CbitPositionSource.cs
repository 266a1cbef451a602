using SevStack.Checks.Probes;
using SevStack.Toolkit;

namespace SevStack.Launch;

/// <summary>Where an SEV guest's C-bit position comes from: the caller, else the host's CPUID; never a guess.</summary>
public static class CbitPositionSource
{
    /// <exception cref="BuildException">Neither an explicit value nor a readable CPUID leaf with SEV is available.</exception>
    public static int Resolve(int? explicitPosition, CpuidReading? cpuid, ICollection<string> notes)
    {
        if (explicitPosition is { } given)
        {
            if (given is < 32 or > 63)
                throw new BuildException($"--cbit-position {given} is outside 32-63; pass the C-bit position that CheckHost's cpuid check reports");
            notes.Add($"C-bit position {given} as given");
            return given;
        }
        if (cpuid?.Leaf is not { } leaf || !cpuid.LeafImplemented)
            throw new BuildException(
                $"the C-bit position is unknown: {cpuid?.DevicePath ?? "/dev/cpu/0/cpuid"} could not be read ({cpuid?.Error ?? "not read"}); " +
                "load the cpuid driver (modprobe cpuid) and run as root, or pass --cbit-position N with the C-bit position that CheckHost's cpuid check reports");
        if (!leaf.Sev || leaf.CbitPosition == 0)
            throw new BuildException("this CPU reports no SEV support in CPUID 0x8000001F; run CheckHost to see why");
        notes.Add($"C-bit position {leaf.CbitPosition} from CPUID 0x8000001F EBX[5:0] ({cpuid.DevicePath})");
        return leaf.CbitPosition;
    }
}
