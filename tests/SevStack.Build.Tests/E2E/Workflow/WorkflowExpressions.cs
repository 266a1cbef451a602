using System.Text.RegularExpressions;

namespace SevStack.Build.Tests.E2E.Workflow;

/// <summary>
/// The part of GitHub's expression language build.yml uses: context paths, <c>==</c>/<c>!=</c> against a string literal,
/// <c>startsWith(x, 'lit')</c> and <c>always()</c>. Anything else is refused, so the workflow cannot outgrow what the test plays.
/// </summary>
sealed partial class WorkflowExpressions(Func<string, string> context)
{
    public string Substitute(string text) => Embedded().Replace(text, m => Evaluate(m.Groups[1].Value));

    public bool IsTrue(string condition) => Evaluate(Embedded().Match(condition) is { Success: true } m ? m.Groups[1].Value : condition) is "true";

    public string Evaluate(string expression)
    {
        var e = expression.Trim();
        if (e == "always()")
            return "true";
        if (StartsWith().Match(e) is { Success: true } call)
            return Bool(Evaluate(call.Groups[1].Value).StartsWith(call.Groups[2].Value, StringComparison.Ordinal));
        if (Comparison().Match(e) is { Success: true } comparison)
            return Bool((Evaluate(comparison.Groups[1].Value) == comparison.Groups[3].Value) == (comparison.Groups[2].Value == "=="));
        if (Path().IsMatch(e))
            return context(e);
        throw new NotSupportedException($"the workflow uses the expression '{e}', which this test does not play: extend {nameof(WorkflowExpressions)}");
    }

    static string Bool(bool value) => value ? "true" : "false";

    [GeneratedRegex(@"\$\{\{(.*?)\}\}")]
    private static partial Regex Embedded();

    [GeneratedRegex(@"^startsWith\((.+),\s*'([^']*)'\)$")]
    private static partial Regex StartsWith();

    [GeneratedRegex(@"^(.+?)\s*(==|!=)\s*'([^']*)'$")]
    private static partial Regex Comparison();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$")]
    private static partial Regex Path();
}
