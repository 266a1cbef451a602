using System.Text;

namespace SevStack.Checks.Report;

/// <summary>The human report: one aligned line per check, then its evidence, cause and fix, then the verdict.</summary>
public static class TextReportWriter
{
    const string Indent = "      ";

    public static string Write(CheckReport report)
    {
        var idWidth = report.Checks.Count == 0 ? 0 : report.Checks.Max(c => c.Id.Length);
        var text = new StringBuilder();
        text.Append("SEV ").Append(report.Subject).Append(" check (").Append(report.Source).Append(")\n\n");
        foreach (var check in report.Checks)
        {
            text.Append(Label(check.Status).PadRight(6))
                .Append(check.Id.PadRight(idWidth + 2))
                .Append(check.Title)
                .Append(check.Required ? "" : " (optional)")
                .Append('\n');
            foreach (var line in check.Evidence)
                text.Append(Indent).Append(line).Append('\n');
            if (check.Cause is not null)
                text.Append(Indent).Append(check.Status == CheckStatus.Skip ? "why:   " : "cause: ").Append(check.Cause).Append('\n');
            if (check.Fix is not null)
                text.Append(Indent).Append("fix:   ").Append(check.Fix).Append('\n');
        }
        text.Append('\n').Append(Verdict(report)).Append('\n');
        return text.ToString();
    }

    static string Verdict(CheckReport report)
    {
        var counts = $"{report.Count(CheckStatus.Pass)} pass, {report.Count(CheckStatus.Warn)} warn, " +
                     $"{report.Count(CheckStatus.Fail)} fail, {report.Count(CheckStatus.Skip)} skip";
        if (report.Passed)
            return $"Result: PASS, every required check passed ({counts})";
        if (!report.Failed.Any())
            return $"Result: FAIL, no required check found evidence: {string.Join("; ", report.Checks.Where(c => c.Required).Select(c => $"{c.Id}: {c.Cause}"))} ({counts})";
        var failed = string.Join(", ", report.Failed.Select(c => c.Id));
        return $"Result: FAIL, required checks failed: {failed} ({counts})";
    }

    internal static string Label(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "PASS",
        CheckStatus.Warn => "WARN",
        CheckStatus.Fail => "FAIL",
        CheckStatus.Skip => "SKIP",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
