using System.Globalization;
using System.Text.RegularExpressions;

namespace SevStack.Checks.Probes;

/// <summary>A firmware API version as the ccp driver prints it: <c>SEV API:1.55 build:24</c>.</summary>
public sealed record FirmwareVersion(int Major, int Minor, int Build, string Line)
{
    public override string ToString() => $"{Major}.{Minor} build {Build}";
}

/// <summary>An ASID range that kvm_amd reports for one feature (SEV, SEV-ES, SEV-SNP), in the old or new wording.</summary>
public sealed record AsidReport(string Feature, int Count, bool Enabled, string Line);

/// <summary>What a host's kernel log says about the PSP, the SEV firmware, KVM's ASIDs, the SNP RMP table, SME and the IOMMU.</summary>
public sealed partial record HostKernelLogFacts(
    FirmwareVersion? SevApi,
    FirmwareVersion? SnpApi,
    IReadOnlyList<string> InitFailures,
    IReadOnlyList<string> PspLines,
    IReadOnlyList<AsidReport> Asids,
    IReadOnlyList<string> RmpTableLines,
    IReadOnlyList<string> SnpSetupFailures,
    IReadOnlyList<string> SmeActiveLines,
    IReadOnlyList<string> IommuLines)
{
    public static HostKernelLogFacts Parse(KernelLog log) => new(
        FindVersion(log, SevApiLine()),
        FindVersion(log, SnpApiLine()),
        [.. log.Matching(InitFailure())],
        [.. log.Matching(PspLine())],
        [.. log.Lines.SelectMany(ParseAsids)],
        [.. log.Matching(RmpTable())],
        [.. log.Matching(SnpSetupFailure())],
        [.. log.Matching(SmeActive())],
        [.. log.Matching(AmdVi())]);

    /// <summary>
    /// Lines only a host kernel prints: the ccp driver talking to the PSP, kvm_amd's ASID ranges, the SNP RMP table.
    /// A guest has no PSP and no kvm_amd SEV, so any of them marks the log as a host's.
    /// </summary>
    public static IReadOnlyList<string> HostOnlyLines(KernelLog log) =>
        [.. log.Lines.Where(l => PspLine().IsMatch(l) || SevApiLine().IsMatch(l) || SnpApiLine().IsMatch(l)
                                 || AsidsOld().IsMatch(l) || AsidsNew().IsMatch(l) || RmpTable().IsMatch(l)
                                 || SnpSetupFailure().IsMatch(l))];

    /// <summary>The SEV firmware status code of an INIT failure line (<c>error 0x1</c>), if it has one.</summary>
    public static int? InitErrorCode(string line)
    {
        var match = ErrorCode().Match(line);
        return match.Success ? int.Parse(match.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture) : null;
    }

    static FirmwareVersion? FindVersion(KernelLog log, Regex pattern) => log.Lines
        .Select(l => (Line: l, Match: pattern.Match(l)))
        .Where(x => x.Match.Success)
        .Select(x => new FirmwareVersion(Int(x.Match, 1), Int(x.Match, 2), Int(x.Match, 3), x.Line))
        .LastOrDefault();

    static IEnumerable<AsidReport> ParseAsids(string line)
    {
        if (AsidsOld().Match(line) is { Success: true } old)
        {
            var count = Int(old, 2);
            foreach (var feature in old.Groups[1].Value.Split(" and "))
                yield return new AsidReport(feature, count, count > 0, line);
        }
        else if (AsidsNew().Match(line) is { Success: true } now)
        {
            var count = Math.Max(0, Int(now, 4) - Int(now, 3) + 1);
            yield return new AsidReport(now.Groups[1].Value, count, now.Groups[2].Value == "enabled" && count > 0, line);
        }
    }

    static int Int(Match match, int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?<![-\w])SEV API:(\d+)\.(\d+) build:(\d+)")]
    private static partial Regex SevApiLine();

    [GeneratedRegex(@"SEV-SNP API:(\d+)\.(\d+) build:(\d+)")]
    private static partial Regex SnpApiLine();

    [GeneratedRegex(@"failed to INIT|SEV.*init(ialization)? failed", RegexOptions.IgnoreCase)]
    private static partial Regex InitFailure();

    [GeneratedRegex(@"error (?:0x)?([0-9a-fA-F]+)\b")]
    private static partial Regex ErrorCode();

    [GeneratedRegex(@"^ccp [0-9a-f:.]+: (sev enabled|psp enabled|SEV firmware update|SEV: |sev command)", RegexOptions.IgnoreCase)]
    private static partial Regex PspLine();

    [GeneratedRegex(@"^(?:SVM: |kvm_amd: )?(SEV|SEV-ES|SEV-ES and SEV-SNP) supported: (\d+) ASIDs")]
    private static partial Regex AsidsOld();

    [GeneratedRegex(@"^(?:kvm_amd: )?(SEV|SEV-ES|SEV-SNP) (enabled|disabled) \(ASIDs (\d+) - (\d+)\)")]
    private static partial Regex AsidsNew();

    [GeneratedRegex(@"^SEV-SNP: (RMP table|Reserving start/end of RMP table)")]
    private static partial Regex RmpTable();

    /// <summary>Why the kernel left SNP off: the BIOS reserved no (or too small an) RMP table, or the IOMMU cannot do SNP.</summary>
    [GeneratedRegex(@"^SEV-SNP: (Memory for the RMP table has not been reserved|Memory reserved for the RMP table does not cover|RMP configuration not valid|Failed to map RMP table|RMP segment size)|SNP cannot be supported")]
    private static partial Regex SnpSetupFailure();

    [GeneratedRegex(@"Memory Encryption Features active:.*\bSME\b|Secure Memory Encryption \(SME\) active")]
    private static partial Regex SmeActive();

    [GeneratedRegex(@"AMD-Vi: (Found IOMMU|Interrupt remapping enabled|.*IOMMU.*(enabled|initialized|loaded))", RegexOptions.IgnoreCase)]
    private static partial Regex AmdVi();
}
