namespace SevStack.Sources.Specs;

/// <summary><c>dir:/path</c>: a local folder used as it is (no copy, no patches).</summary>
public sealed record DirectorySourceSpec(string Text, string Path) : SourceSpec(Text)
{
    public override string Kind => "dir";

    internal static DirectorySourceSpec ParseDirectory(string value)
    {
        var path = value["dir:".Length..];
        if (!System.IO.Path.IsPathFullyQualified(path))
            throw Invalid(value, "dir: needs an absolute path");
        return new DirectorySourceSpec(value, System.IO.Path.GetFullPath(path).TrimEnd('/') is { Length: > 0 } p ? p : "/");
    }
}
