namespace SevStack.Packaging.Inputs;

/// <summary>Where the packaged software came from: the repository or tarball, the exact revision, and our patches.</summary>
/// <param name="Patches">File names of the patches applied on top, in order; empty when none.</param>
public sealed record PackageSourceInfo(string Url, string Revision, IReadOnlyList<string> Patches);
