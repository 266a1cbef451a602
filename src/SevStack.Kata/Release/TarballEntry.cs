namespace SevStack.Kata.Release;

/// <summary>One entry of an archive as the extractor lists it: its path and, for a symbolic or hard link, its target.</summary>
public sealed record TarballEntry(string Path, string? LinkTarget = null, bool IsHardLink = false);
