namespace SevStack.Kata.Release;

/// <summary>A Kata 3.x static release tarball as found on GitHub: what to download and the sha256 it must have.</summary>
public sealed record KataRelease(string Version, string TarballName, Uri TarballUrl, string Sha256);
