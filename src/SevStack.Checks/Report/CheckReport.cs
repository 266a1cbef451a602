namespace SevStack.Checks.Report;

/// <summary>
/// The checks of one run, in order. <see cref="Passed"/> is true when no required check failed and at least one
/// required check passed: a report whose required checks all skipped had no evidence, and no evidence is no pass.
/// </summary>
public sealed record CheckReport(string Subject, string Source, IReadOnlyList<CheckResult> Checks)
{
    public bool Passed => !Failed.Any() && HasEvidence;

    /// <summary>At least one required check read its evidence and passed.</summary>
    public bool HasEvidence => Checks.Any(c => c.Required && c.Status == CheckStatus.Pass);

    /// <summary>0 when every required check passed, 1 otherwise; the target decides whether to exit with it.</summary>
    public int ExitCode => Passed ? 0 : 1;

    public IEnumerable<CheckResult> Failed => Checks.Where(c => c.Status == CheckStatus.Fail);

    public int Count(CheckStatus status) => Checks.Count(c => c.Status == status);
}
