namespace SevStack.Host.Apt;

/// <summary>Whether packages were installed (or would be, in a dry run), a note for the target's summary, and the packages
/// present before, so that <see cref="AptInstaller.UndoAsync"/> can purge what the install added when a later step fails.</summary>
public sealed record AptInstallOutcome(bool Changed, string Note, IReadOnlyDictionary<string, PackageStatus> PackagesBefore);
