using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace SevStack.Build.Modules.Test;

/// <summary>A failed test as a .trx results file records it: its full name, its message and where it failed.</summary>
public sealed partial record FailedTest(string Name, string Message, string? FailedAt)
{
    static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>The results files <c>dotnet test --logger trx</c> names in its output ("Results File: path").</summary>
    public static IReadOnlyList<string> ResultFiles(string output) =>
        ResultsFileLine().Matches(output).Select(m => m.Groups["path"].Value.Trim()).ToList();

    public static IReadOnlyList<FailedTest> Read(string trxPath) =>
        XDocument.Load(trxPath).Descendants(Trx + "UnitTestResult")
            .Where(r => (string?)r.Attribute("outcome") == "Failed")
            .Select(r => new FailedTest(
                (string?)r.Attribute("testName") ?? "(unnamed test)",
                (string?)r.Descendants(Trx + "Message").FirstOrDefault() ?? "",
                ((string?)r.Descendants(Trx + "StackTrace").FirstOrDefault())?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0)))
            .ToList();

    /// <summary>One line for the console: the name, the message's first line and the innermost frame.</summary>
    public override string ToString()
    {
        var firstLine = Message.Split('\n', 2)[0].Trim();
        return FailedAt is null ? $"FAILED {Name}: {firstLine}" : $"FAILED {Name}: {firstLine} ({FailedAt})";
    }

    [GeneratedRegex(@"^\s*Results File:\s*(?<path>.+\.trx)\s*$", RegexOptions.Multiline)]
    private static partial Regex ResultsFileLine();
}
