using SevStack.Toolkit;

namespace SevStack.Checks.Report;

/// <summary>The two report outputs: aligned text for people, JSON (<c>--output json</c>) for machines.</summary>
public enum ReportFormat
{
    Text,
    Json,
}

public static class ReportWriter
{
    /// <exception cref="BuildException"><paramref name="name"/> is neither text nor json.</exception>
    public static ReportFormat ParseFormat(string name) => name.Trim().ToLowerInvariant() switch
    {
        "text" => ReportFormat.Text,
        "json" => ReportFormat.Json,
        _ => throw new BuildException($"unknown output format '{name}'; use text or json"),
    };

    public static string Write(CheckReport report, ReportFormat format) => format switch
    {
        ReportFormat.Text => TextReportWriter.Write(report),
        ReportFormat.Json => JsonReportWriter.Write(report),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
