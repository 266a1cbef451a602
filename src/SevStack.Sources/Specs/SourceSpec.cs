using System.Text.RegularExpressions;
using SevStack.Toolkit;

namespace SevStack.Sources.Specs;

/// <summary>Where a component's source tree comes from, as written on the command line or in a profile.</summary>
public abstract partial record SourceSpec(string Text)
{
    public const string AcceptedForms =
        "git+https://host/repo.git#<tag|branch|sha>, git+file:///path#<ref>, https://host/x.tar.xz#sha256=<hex>, " +
        "file:///path/x.tar.gz[#sha256=<hex>], apt:<package>[=<version>], apt:linux, dir:/path";

    public abstract string Kind { get; }

    public override string ToString() => Text;

    public static SourceSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        if (value.StartsWith("git+", StringComparison.Ordinal))
            return GitSourceSpec.ParseGit(value);
        if (value.StartsWith("apt:", StringComparison.Ordinal))
            return AptSourceSpec.ParseApt(value);
        if (value.StartsWith("dir:", StringComparison.Ordinal))
            return DirectorySourceSpec.ParseDirectory(value);
        if (value.StartsWith("https://", StringComparison.Ordinal) || value.StartsWith("file://", StringComparison.Ordinal))
            return TarballSourceSpec.ParseTarball(value);
        if (value.StartsWith("http://", StringComparison.Ordinal))
            throw Invalid(value, "plain http is not accepted for sources; use https");
        throw Invalid(value, "unknown source kind");
    }

    internal static BuildException Invalid(string value, string problem) =>
        new($"invalid source '{value}': {problem}. Accepted forms: {AcceptedForms}");

    [GeneratedRegex("^[0-9a-f]{64}$")]
    internal static partial Regex Sha256Pattern();
}
