namespace SevStack.Components.Smoke;

/// <param name="ModuleResults">Exit code of each <c>insmod</c>, by module file name, in load order.</param>
/// <param name="KvmAmdSev">The <c>kvm_amd</c> <c>sev</c> parameter as the guest saw it (<c>N</c>, <c>Y</c>, <c>absent</c>), or null when not printed.</param>
public sealed record SmokeBootResult(
    bool Passed,
    bool MarkerSeen,
    bool TimedOut,
    double Seconds,
    IReadOnlyList<KeyValuePair<string, int>> ModuleResults,
    string? KvmAmdSev,
    string ConsoleLogPath,
    string Firmware,
    string? Failure);
