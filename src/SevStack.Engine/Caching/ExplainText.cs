namespace SevStack.Engine.Caching;

/// <summary>The <c>--explain</c> section: each cacheable target's hit, or why it was rebuilt.</summary>
public static class ExplainText
{
    public static string Render(IReadOnlyList<CacheOutcome> outcomes)
    {
        var lines = new List<string> { "", "Why targets were rebuilt (--explain):" };
        lines.AddRange(outcomes.Count == 0 ? ["  no cacheable target was looked up"] : outcomes.Select(o => "  " + o.Render().Replace(Environment.NewLine, Environment.NewLine + "  ", StringComparison.Ordinal)));
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }
}
