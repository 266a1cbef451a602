using SevStack.Checks.Probes;
using SevStack.Checks.Report;

namespace SevStack.Checks.Guest;

/// <summary>Everything CheckGuest read; the guest checks are pure functions of it.</summary>
public sealed record GuestFacts(
    string Source,
    GuestCheckOptions Options,
    KernelLog? KernelLog,
    string? KernelLogProblem,
    IReadOnlyList<SevStatusMsr> Msrs,
    bool SevGuestDevice = false,
    string? MsrsNotReadBecause = null) : IKernelLogFacts<GuestLogFindings>
{
    public const string SevGuestDevicePath = "/dev/sev-guest";

    public GuestLogFindings? Log { get; } = KernelLog is null ? null : GuestKernelLogAnalyzer.Analyze(KernelLog);
}
