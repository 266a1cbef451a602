using System.Text;
using SevStack.Packaging.Inputs;

namespace SevStack.Packaging.Docs;

/// <summary>The text of /usr/share/doc/&lt;package&gt;/copyright and changelog.Debian.</summary>
public static class PackageDocs
{
    public static string Copyright(DebPackageSpec spec)
    {
        var text = new StringBuilder()
            .Append("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n")
            .Append("Upstream-Name: ").Append(spec.Name).Append('\n')
            .Append("Source: ").Append(spec.Source.Url).Append('\n')
            .Append('\n')
            .Append("Files: *\n")
            .Append("Copyright: ").Append(spec.Copyright.Holders).Append('\n')
            .Append("License: ").Append(spec.Copyright.License).Append('\n');
        foreach (var line in spec.Copyright.LicenseText.Replace("\r\n", "\n", StringComparison.Ordinal).Trim().Split('\n'))
            text.Append(' ').Append(line.Trim().Length == 0 ? "." : line.TrimEnd()).Append('\n');
        return text.ToString();
    }

    public static string Changelog(DebPackageSpec spec)
    {
        var date = new SourceDate(spec.SourceDateEpoch);
        var text = new StringBuilder()
            .Append(spec.Name).Append(" (").Append(spec.Version).Append(") unstable; urgency=medium\n\n")
            .Append("  * Built by SevStack from the upstream source.\n")
            .Append("    Source: ").Append(spec.Source.Url).Append('\n')
            .Append("    Revision: ").Append(spec.Source.Revision).Append('\n');
        foreach (var patch in spec.Source.Patches)
            text.Append("    Patch: ").Append(patch).Append('\n');
        text.Append("    Build cache key: ").Append(spec.CacheKey).Append('\n')
            .Append("\n -- ").Append(spec.Maintainer).Append("  ").Append(date.Rfc2822).Append('\n');
        return text.ToString();
    }
}
