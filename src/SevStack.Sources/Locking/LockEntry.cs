namespace SevStack.Sources.Locking;

/// <summary>What a spec resolved to when it was locked: a commit SHA, or a tarball / .dsc sha256, plus a package version.</summary>
public sealed record LockEntry(string Spec, string Kind, string Resolved, string? Version = null);
