namespace SevStack.Packaging.Inputs;

/// <summary>Where the packaged software came from: the repository or tarball, the exact revision, and our patches.</summary>
public sealed record SourceIdentity(string Url, string Revision, IReadOnlyList<string> Patches)
{
    public SourceIdentity(string url, string revision) : this(url, revision, []) { }
}
