namespace SevStack.Checks.Report;

/// <summary>One named check: what was looked at (evidence) and, when it did not pass, why and what to do.</summary>
public sealed record CheckResult(
    string Id,
    string Title,
    bool Required,
    CheckStatus Status,
    IReadOnlyList<string> Evidence,
    string? Cause = null,
    string? Fix = null);
