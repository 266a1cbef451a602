namespace SevStack.Packaging.Tree;

public enum StagedEntryKind { Directory, File, SymbolicLink }

/// <summary>One entry of a staged tree; <see cref="InstalledPath"/> is where it lands on the target, e.g. "/usr/local/bin/qemu-img".</summary>
public sealed record StagedEntry(string RelativePath, StagedEntryKind Kind, string? LinkTarget)
{
    public string InstalledPath => "/" + RelativePath;
}
