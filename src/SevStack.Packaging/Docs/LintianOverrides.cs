using System.Text;
using SevStack.Packaging.Inputs;

namespace SevStack.Packaging.Docs;

/// <summary>
/// Overrides for the tags our chosen prefix triggers by design: Debian policy keeps /usr/local and /opt for
/// software that is not part of the distribution, which is exactly what these packages are.
/// </summary>
public static class LintianOverrides
{
    public static string For(string packageName, InstallPrefix prefix, IReadOnlyList<(string Tag, string Reason)>? extra = null)
    {
        var text = new StringBuilder();
        text.Append("# Installed below ").Append(prefix).Append(" on purpose, so it never collides with Debian's qemu/ovmf.\n");
        if (prefix.Path.StartsWith("/usr/local", StringComparison.Ordinal))
        {
            text.Append(packageName).Append(": dir-in-usr-local\n");
            text.Append(packageName).Append(": file-in-usr-local\n");
            text.Append(packageName).Append(": file-in-unusual-dir\n");
        }
        else
            text.Append(packageName).Append(": dir-or-file-in-opt\n");
        foreach (var (tag, reason) in extra ?? [])
            text.Append("# ").Append(reason).Append('\n').Append(packageName).Append(": ").Append(tag).Append('\n');
        return text.ToString();
    }

    public static string RelativePath(string packageName) => $"usr/share/lintian/overrides/{packageName}";
}
