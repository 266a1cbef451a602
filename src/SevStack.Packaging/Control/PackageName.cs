using System.Text.RegularExpressions;
using SevStack.Toolkit;

namespace SevStack.Packaging.Control;

/// <summary>Debian policy 5.6.7: lower-case letters, digits, '+', '-', '.', at least two characters, starting alphanumerically.</summary>
public static partial class PackageName
{
    [GeneratedRegex("^[a-z0-9][a-z0-9+.-]+$")]
    private static partial Regex Valid();

    public static void Validate(string name)
    {
        if (!Valid().IsMatch(name))
            throw new BuildException($"Package name '{name}' is not a valid Debian package name: use lower-case letters, digits, '+', '-' and '.', starting with a letter or digit.");
    }
}
