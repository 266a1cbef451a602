namespace SevStack.Checks.Guest;

/// <summary>What CheckGuest looks at.</summary>
public sealed record GuestCheckOptions
{
    /// <summary>Root of the guest's file system (for /dev/cpu/*/msr and /var/log/dmesg); a fixture tree in tests.</summary>
    public string GuestRoot { get; init; } = "/";

    /// <summary>A saved guest kernel log to read instead of <c>dmesg</c>.</summary>
    public string? KernelLogPath { get; init; }

    /// <summary>The level the guest was launched with; a lower active level fails the check.</summary>
    public SevLevel ExpectedLevel { get; init; } = SevLevel.Sev;

    /// <summary>Below this SWIOTLB pool size the guest can run out of DMA bounce buffers (the seed's FAQ recommends 512 MB).</summary>
    public int MinimumSwiotlbMegabytes { get; init; } = 512;
}
