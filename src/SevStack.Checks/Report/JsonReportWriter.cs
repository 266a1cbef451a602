using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SevStack.Toolkit.Json;

namespace SevStack.Checks.Report;

/// <summary>
/// The machine report (<c>--output json</c>). Field names are part of the contract: subject, source, passed,
/// exitCode, counts, checks[] with id, title, required, status (pass|warn|fail|skip), evidence, cause, fix.
/// </summary>
public static partial class JsonReportWriter
{
    static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        // The report is a file or a pipe, never HTML: keep <, > and ' readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter<CheckStatus>(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        TypeInfoResolver = ReportDocuments.Default,
    };

    static JsonTypeInfo<ReportDocument> Document => Options.TypeInfo<ReportDocument>();

    public static string Write(CheckReport report)
    {
        var document = new ReportDocument(
            report.Subject,
            report.Source,
            report.Passed,
            report.ExitCode,
            Enum.GetValues<CheckStatus>().ToDictionary(s => s.ToString().ToLowerInvariant(), report.Count),
            [.. report.Checks.Select(c => new CheckDocument(c.Id, c.Title, c.Required, c.Status, c.Evidence, c.Cause, c.Fix))]);
        return JsonSerializer.Serialize(document, Document);
    }

    /// <summary>Reads a report written by <see cref="Write"/>; throws <see cref="JsonException"/> on anything else.</summary>
    public static CheckReport Read(string json)
    {
        var document = JsonSerializer.Deserialize(json, Document)
            ?? throw new JsonException("empty report");
        return new CheckReport(
            document.Subject,
            document.Source,
            [.. document.Checks.Select(c => new CheckResult(c.Id, c.Title, c.Required, c.Status, c.Evidence, c.Cause, c.Fix))]);
    }

    sealed record ReportDocument(
        string Subject,
        string Source,
        bool Passed,
        int ExitCode,
        IReadOnlyDictionary<string, int> Counts,
        IReadOnlyList<CheckDocument> Checks);

    sealed record CheckDocument(
        string Id,
        string Title,
        bool Required,
        CheckStatus Status,
        IReadOnlyList<string> Evidence,
        string? Cause,
        string? Fix);

    [JsonSerializable(typeof(ReportDocument))]
    sealed partial class ReportDocuments : JsonSerializerContext;
}
