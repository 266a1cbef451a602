namespace SevStack.Checks.Host;

/// <summary>What CheckHost looks at.</summary>
public sealed record HostCheckOptions
{
    /// <summary>Root of the machine's file system; a fixture tree in tests.</summary>
    public string HostRoot { get; init; } = "/";

    /// <summary>A saved kernel log to read instead of <c>dmesg</c> (live) or <c>/var/log/dmesg</c> under the root.</summary>
    public string? KernelLogPath { get; init; }

    /// <summary>The QEMU asked for <c>query-sev-capabilities</c> (on the live root only); null skips that check.</summary>
    public string? QemuBinary { get; init; } = "qemu-system-x86_64";

    /// <summary>The virsh asked for <c>domcapabilities</c> (on the live root only); null skips that check.</summary>
    public string? VirshBinary { get; init; } = "virsh";

    public string LibvirtUri { get; init; } = "qemu:///system";

    /// <summary>Memory of the guests this host will run: SEV pins all of it, so the memlock limit must allow it.</summary>
    public int GuestMemoryMiB { get; init; } = 2048;

    public TimeSpan QemuTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
