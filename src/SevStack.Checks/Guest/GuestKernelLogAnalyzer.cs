using System.Globalization;
using System.Text.RegularExpressions;
using SevStack.Checks.Probes;

namespace SevStack.Checks.Guest;

/// <summary>
/// Reads a guest kernel log (<c>dmesg</c> inside a VM, or a Kata container's <c>docker run busybox dmesg</c>) and tells
/// which SEV level is active, in every wording kernels have used:
/// 4.x <c>AMD Secure Encrypted Virtualization (SEV) active</c>, 5.x <c>AMD Memory Encryption Features active: SEV SEV-ES</c>,
/// 6.x <c>Memory Encryption Features active: AMD SEV SEV-ES SEV-SNP</c>.
/// </summary>
public static partial class GuestKernelLogAnalyzer
{
    public static GuestLogFindings Analyze(string logText) => Analyze(KernelLog.Parse("log", logText));

    public static GuestLogFindings Analyze(KernelLog log)
    {
        var level = SevLevel.None;
        var encryptionLines = new List<string>();
        var bounce = false;
        foreach (var line in log.Lines)
        {
            if (FeaturesActive().Match(line) is { Success: true } features)
            {
                var tokens = features.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var found = tokens.Contains("SEV-SNP") ? SevLevel.SevSnp
                    : tokens.Contains("SEV-ES") ? SevLevel.SevEs
                    : tokens.Contains("SEV") ? SevLevel.Sev
                    : SevLevel.None;
                if (found == SevLevel.None) continue;
                level = Max(level, found);
                encryptionLines.Add(line);
            }
            else if (OldSevActive().IsMatch(line) || BounceBuffers().IsMatch(line))
            {
                level = Max(level, SevLevel.Sev);
                bounce |= BounceBuffers().IsMatch(line);
                encryptionLines.Add(line);
            }
            else if (SnpCpuidTable().IsMatch(line) || SnpPlatformDevice().IsMatch(line))
            {
                level = Max(level, SevLevel.SevSnp);
                encryptionLines.Add(line);
            }
        }

        var (swiotlb, swiotlbLine) = FindSwiotlb(log);
        var driverLines = log.Lines.Where(l => SevGuestDriver().IsMatch(l)).ToList();
        return new GuestLogFindings(level, encryptionLines, bounce, swiotlb, swiotlbLine, FindRoot(log), driverLines.Count > 0, driverLines,
            HostKernelLogFacts.HostOnlyLines(log));
    }

    static SevLevel Max(SevLevel a, SevLevel b) => a > b ? a : b;

    /// <summary>The last SWIOTLB size the kernel reports (the adjusted pool replaces the default one).</summary>
    static (int? Megabytes, string? Line) FindSwiotlb(KernelLog log)
    {
        var match = log.Lines.Select(l => (Line: l, Match: Swiotlb().Match(l))).LastOrDefault(x => x.Match.Success);
        return match.Line is null
            ? (null, null)
            : (int.Parse(match.Match.Groups[1].Value, CultureInfo.InvariantCulture), match.Line);
    }

    static RootDevice? FindRoot(KernelLog log)
    {
        var virtioScsi = log.Lines.FirstOrDefault(l => VirtioScsiHba().IsMatch(l));
        var commandLine = log.Lines.FirstOrDefault(l => l.StartsWith("Kernel command line:", StringComparison.Ordinal)
                                                       || l.StartsWith("Command line:", StringComparison.Ordinal));
        var root = commandLine is null ? null : RootParameter().Match(commandLine);
        if (root is { Success: true })
        {
            var name = root.Groups[1].Value;
            var evidence = $"root={name}";
            var device = name.StartsWith("/dev/", StringComparison.Ordinal) ? name[5..] : name;
            if (device.StartsWith("vd", StringComparison.Ordinal)) return new RootDevice(name, "virtio-blk", evidence);
            if (device.StartsWith("pmem", StringComparison.Ordinal)) return new RootDevice(name, "nvdimm/virtio-pmem", evidence);
            if (device.StartsWith("nvme", StringComparison.Ordinal)) return new RootDevice(name, "nvme", evidence);
            if (device.StartsWith("sd", StringComparison.Ordinal))
                return new RootDevice(name, virtioScsi is null ? "scsi" : "virtio-scsi", virtioScsi is null ? evidence : $"{evidence}; {virtioScsi}");
            if (commandLine!.Contains("rootfstype=virtiofs", StringComparison.Ordinal)) return new RootDevice(name, "virtio-fs", evidence);
            return new RootDevice(name, "unknown", evidence);
        }

        var virtioBlk = log.Lines.FirstOrDefault(l => VirtioBlkDisk().IsMatch(l));
        if (virtioBlk is not null && virtioScsi is null) return new RootDevice(null, "virtio-blk", virtioBlk);
        if (virtioScsi is not null && virtioBlk is null) return new RootDevice(null, "virtio-scsi", virtioScsi);
        return null;
    }

    [GeneratedRegex(@"(?:Memory Encryption Features active:|SEV: Status:)\s*(.*)$")]
    private static partial Regex FeaturesActive();

    [GeneratedRegex(@"AMD Secure Encrypted Virtualization \(SEV\) active")]
    private static partial Regex OldSevActive();

    [GeneratedRegex(@"SEV is active and system is using DMA bounce buffers")]
    private static partial Regex BounceBuffers();

    [GeneratedRegex(@"SEV: Using SNP CPUID table")]
    private static partial Regex SnpCpuidTable();

    /// <summary>6.x: the platform device the sev-guest driver binds to, made only in SNP guests.</summary>
    [GeneratedRegex(@"SEV: SNP guest platform device initialized")]
    private static partial Regex SnpPlatformDevice();

    [GeneratedRegex(@"sev-guest.*Initialized SEV guest driver")]
    private static partial Regex SevGuestDriver();

    [GeneratedRegex(@"software IO TLB.*\((\d+)MB\)")]
    private static partial Regex Swiotlb();

    [GeneratedRegex(@"(?:^|\s)root=(\S+)")]
    private static partial Regex RootParameter();

    [GeneratedRegex(@"Virtio SCSI HBA")]
    private static partial Regex VirtioScsiHba();

    [GeneratedRegex(@"virtio_blk virtio\d+: (\[\w+\] )?\d+ \d+-byte logical blocks|virtio_blk virtio\d+: \[vd\w+\]")]
    private static partial Regex VirtioBlkDisk();
}
