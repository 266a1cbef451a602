using System.Text.RegularExpressions;

namespace SevStack.Components.Qemu;

/// <summary>
/// Reads what <c>qemu-system-x86_64 -object &lt;type&gt;,help</c> prints: a "&lt;type&gt; options:" line, then one
/// <c>  name=&lt;type&gt;  - description</c> line per property.
/// </summary>
public static partial class QemuObjectProperties
{
    /// <summary>The property names, in the order QEMU lists them; empty when the text is not such a listing.</summary>
    public static IReadOnlyList<string> Parse(string helpText) => helpText.Split('\n')
        .Select(line => PropertyLine().Match(line)).Where(m => m.Success).Select(m => m.Groups["name"].Value).ToList();

    [GeneratedRegex(@"^\s+(?<name>[a-z][a-z0-9-]*)=<[^>]+>")]
    private static partial Regex PropertyLine();
}
