using SevStack.Engine.Execution;
using SevStack.Engine.Targets;
using Spectre.Console;

namespace SevStack.Engine.Output;

/// <summary>The end-of-run table: target, status, duration, share of the total, and a note.</summary>
public static class SummaryTable
{
    public static Table Build(IReadOnlyList<ExecutableTarget> targets, TimeSpan total)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Target").AddColumn("Status").AddColumn(new TableColumn("Duration").RightAligned())
            .AddColumn(new TableColumn("Share").RightAligned()).AddColumn("Note");
        var totalTicks = Math.Max(1, targets.Sum(t => t.Duration.Ticks));
        foreach (var target in targets)
        {
            var ran = target.Status is TargetStatus.Succeeded or TargetStatus.Failed or TargetStatus.Cached or TargetStatus.Aborted or TargetStatus.Collective
                or TargetStatus.Planned;
            var note = target.Status switch
            {
                TargetStatus.Failed => target.Error is null ? null : FailureText.FirstLine(target.Error),
                TargetStatus.Skipped or TargetStatus.NotRun or TargetStatus.Aborted => target.Reason,
                _ => target.Note,
            };
            table.AddRow(
                new Text(target.Name),
                new Text(target.Status.ToString(), new Style(StatusColor(target.Status))),
                new Text(ran ? FormatDuration(target.Duration) : ""),
                new Text(ran ? $"{100.0 * target.Duration.Ticks / totalTicks:0}%" : ""),
                new Text(note is null ? "" : "// " + note));
        }
        table.AddEmptyRow();
        table.AddRow(new Text("Total"), new Text(""), new Text(FormatDuration(total)), new Text(""), new Text(""));
        return table;
    }

    /// <param name="planned">A dry run's targets ran: nothing was built or changed, so the run planned rather than succeeded.</param>
    public static string FinalLine(bool succeeded, bool interrupted, TimeSpan total, bool planned = false) =>
        interrupted ? $"Build interrupted after {FormatDuration(total)}"
        : succeeded && planned ? $"Dry run planned in {FormatDuration(total)} (nothing was built or changed)"
        : succeeded ? $"Build succeeded in {FormatDuration(total)}"
        : $"Build failed after {FormatDuration(total)}";

    public static string FormatDuration(TimeSpan duration) =>
        duration.TotalHours >= 1 ? duration.ToString(@"h\:mm\:ss") : duration.ToString(@"m\:ss\.f");

    static Color StatusColor(TargetStatus status) => status switch
    {
        TargetStatus.Succeeded or TargetStatus.Cached or TargetStatus.Collective => Color.Green,
        TargetStatus.Failed or TargetStatus.Aborted => Color.Red,
        TargetStatus.Skipped => Color.Grey,
        TargetStatus.Planned => Color.Blue,
        _ => Color.Yellow,
    };
}
