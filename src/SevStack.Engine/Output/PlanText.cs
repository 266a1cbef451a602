using System.Text;
using SevStack.Engine.Planning;

namespace SevStack.Engine.Output;

/// <summary><c>--plan</c>: the ordered plan with why each target is in it, or a mermaid graph.</summary>
public static class PlanText
{
    public static string Ordered(ExecutionPlan plan)
    {
        var width = plan.Targets.Max(t => t.Name.Length);
        var text = new StringBuilder();
        for (var i = 0; i < plan.Targets.Count; i++)
        {
            var target = plan.Targets[i];
            text.Append($"{i + 1,3}. {target.Name.PadRight(width)}  {plan.Reasons[target]}");
            if (target.Status == Targets.TargetStatus.Skipped)
                text.Append($", skipped ({target.Reason})");
            var exclusive = target.Resources.Count > 0 ? $"  [exclusive: {string.Join(", ", target.Resources)}]" : "";
            text.AppendLine(exclusive);
            foreach (var note in target.PlanNotes.Select(n => n()).OfType<string>())
                text.Append(' ', 7).AppendLine(note);
        }
        return text.ToString();
    }

    /// <summary>
    /// Edges as in Nuke's plan: execution <c>--&gt;</c> (labelled with the outputs handed over), ordering <c>-.-&gt;</c>,
    /// trigger <c>==&gt;</c>; each module's targets in a subgraph of its name.
    /// </summary>
    public static string Mermaid(ExecutionPlan plan)
    {
        var text = new StringBuilder("graph LR\n");
        foreach (var module in plan.Targets.Where(t => t.Module is not null).GroupBy(t => t.Module))
        {
            text.AppendLine($"  subgraph {module.Key}Module [{module.Key}]");
            foreach (var target in module)
                text.AppendLine($"    {target.Name}");
            text.AppendLine("  end");
        }
        foreach (var target in plan.Targets)
        {
            if (target.Module is null)
                text.AppendLine($"  {target.Name}");
            foreach (var d in target.ExecutionDependencies.Where(plan.Contains))
                text.AppendLine($"  {d.Name} -->{Label(plan, d, target.Consumes)} {target.Name}");
            foreach (var d in target.OrderDependencies.Where(plan.Contains))
                text.AppendLine($"  {d.Name} -.->{Label(plan, d, target.ConsumesWhenScheduled)} {target.Name}");
            foreach (var d in target.Triggers.Where(plan.Contains))
                text.AppendLine($"  {target.Name} ==> {d.Name}");
        }
        return text.ToString();
    }

    static string Label(ExecutionPlan plan, Targets.ExecutableTarget producer, IEnumerable<Targets.TargetOutput> consumed) =>
        string.Join(", ", consumed.Where(o => plan.Outputs.ProducerOf(o) == producer)) is { Length: > 0 } names ? $"|{names}|" : "";
}
