using SevStack.Engine.Parameters;

namespace SevStack.Build.Parameters;

/// <summary>A package name as Debian policy (5.6.1) allows it; never an option to apt ('-') or a path.</summary>
public sealed record DebianPackageName : ParameterText<DebianPackageName>, IParsable<DebianPackageName>
{
    DebianPackageName(string value) : base(value) { }

    public static DebianPackageName Parse(string s, IFormatProvider? provider) => new(ParsableText.Matching(s, "^[a-z0-9][a-z0-9+.-]+$", "expects Debian package names: lower-case letters, digits, '+', '-' and '.', at least two, starting with a letter or digit"));
}
