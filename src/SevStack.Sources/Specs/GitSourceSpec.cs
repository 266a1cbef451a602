using System.Text.RegularExpressions;

namespace SevStack.Sources.Specs;

/// <summary><c>git+https://host/repo.git#ref</c> or <c>git+file:///path#ref</c>; <see cref="Ref"/> is a tag, branch or full SHA.</summary>
public sealed partial record GitSourceSpec(string Text, string Url, string Ref) : SourceSpec(Text)
{
    public override string Kind => "git";

    /// <summary>True when <see cref="Ref"/> is already a full 40-character commit SHA.</summary>
    public bool IsCommitSha => FullSha().IsMatch(Ref);

    internal static GitSourceSpec ParseGit(string value)
    {
        var hash = value.IndexOf('#');
        var url = hash < 0 ? value["git+".Length..] : value["git+".Length..hash];
        var reference = hash < 0 ? "" : value[(hash + 1)..];
        if (!url.StartsWith("https://", StringComparison.Ordinal) && !url.StartsWith("file:///", StringComparison.Ordinal))
            throw Invalid(value, "git sources must use https:// or file:///");
        if (!Uri.TryCreate(url, UriKind.Absolute, out _))
            throw Invalid(value, $"'{url}' is not a valid URL");
        if (reference.Length == 0)
            throw Invalid(value, "a git source needs a ref after '#' (a tag, branch or full commit SHA); moving defaults are not used");
        if (!RefName().IsMatch(reference) || reference.Contains("..", StringComparison.Ordinal))
            throw Invalid(value, $"'{reference}' is not a valid git ref name");
        return new GitSourceSpec(value, url, reference);
    }

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex FullSha();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._/+\-]*$")]
    private static partial Regex RefName();
}
