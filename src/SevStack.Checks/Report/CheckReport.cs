namespace SevStack.Checks.Report;

/// <summary>The checks of one run, in order. <see cref="Passed"/> is true when no required check failed.</summary>
public sealed record CheckReport(string Subject, string Source, IReadOnlyList<CheckResult> Checks)
{
    public bool Passed => Checks.All(c => c.Status != CheckStatus.Fail);

    /// <summary>0 when every required check passed, 1 otherwise; the target decides whether to exit with it.</summary>
    public int ExitCode => Passed ? 0 : 1;

    public IEnumerable<CheckResult> Failed => Checks.Where(c => c.Status == CheckStatus.Fail);

    public int Count(CheckStatus status) => Checks.Count(c => c.Status == status);
}
