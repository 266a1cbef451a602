using System.Text.RegularExpressions;
using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>The Maintainer of our packages and the kernel's (--maintainer): "Name &lt;user@domain&gt;", one line, no comma (a field separator in Debian's control files).</summary>
public sealed partial record PackageMaintainer : ParameterText<PackageMaintainer>, IParsable<PackageMaintainer>
{
    PackageMaintainer(string name, string email) : base($"{name} <{email}>") => (Name, Email) = (name, email);

    public string Name { get; }

    public string Email { get; }

    public static PackageMaintainer Parse(string s, IFormatProvider? provider) =>
        Pattern().Match(s) is { Success: true } match
            ? new PackageMaintainer(match.Groups["name"].Value, match.Groups["email"].Value)
            : throw new FormatException("expects \"Name <user@domain>\", e.g. \"Jane Doe <jane@example.org>\" (no comma, quote or second address)");

    [GeneratedRegex(@"^\s*(?<name>[^<>,""\\]+?)\s*<(?<email>[^<>@\s,""\\]+@[^<>@\s,""\\]+)>\s*$")]
    private static partial Regex Pattern();
}
