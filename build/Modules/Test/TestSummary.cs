using System.Text.RegularExpressions;

namespace SevStack.Build.Modules.Test;

/// <summary>Counts summed over every test assembly's closing line from <c>dotnet test</c>.</summary>
public sealed partial record TestSummary(int Passed, int Failed, int Skipped)
{
    public static TestSummary Parse(string output)
    {
        int passed = 0, failed = 0, skipped = 0;
        foreach (Match m in ResultLine().Matches(output))
        {
            failed += int.Parse(m.Groups["failed"].Value, System.Globalization.CultureInfo.InvariantCulture);
            passed += int.Parse(m.Groups["passed"].Value, System.Globalization.CultureInfo.InvariantCulture);
            skipped += int.Parse(m.Groups["skipped"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return new TestSummary(passed, failed, skipped);
    }

    /// <summary>The plain closing line that CI systems read: "N passed, N failed, N skipped".</summary>
    public override string ToString() => $"{Passed} passed, {Failed} failed, {Skipped} skipped";

    [GeneratedRegex(@"Failed:\s+(?<failed>\d+),\s+Passed:\s+(?<passed>\d+),\s+Skipped:\s+(?<skipped>\d+),")]
    private static partial Regex ResultLine();
}
