namespace SevStack.Checks.Report;

/// <summary>
/// Builds the <see cref="CheckResult"/> of one check, so that each check states only its verdict:
/// <see cref="Problem"/> becomes FAIL for a required check and WARN for an optional one.
/// </summary>
public sealed record CheckOutcome(string Id, string Title, bool Required)
{
    public CheckResult Pass(params IEnumerable<string> evidence) =>
        new(Id, Title, Required, CheckStatus.Pass, [.. evidence]);

    public CheckResult Warn(IEnumerable<string> evidence, string cause, string fix) =>
        new(Id, Title, Required, CheckStatus.Warn, [.. evidence], cause, fix);

    public CheckResult Problem(IEnumerable<string> evidence, string cause, string fix) =>
        new(Id, Title, Required, Required ? CheckStatus.Fail : CheckStatus.Warn, [.. evidence], cause, fix);

    /// <summary>The evidence could not be read; <paramref name="fix"/> says how to make it readable.</summary>
    public CheckResult Skip(IEnumerable<string> evidence, string reason, string? fix = null) =>
        new(Id, Title, Required, CheckStatus.Skip, [.. evidence], reason, fix);
}
