using SevStack.Host;

namespace SevStack.Kata.Docker;

/// <summary>Whether Docker was installed (or would be, in a dry run), a note for the target's summary, and the packages
/// present before, so that <see cref="DockerInstaller.UndoAsync"/> can purge what the install added when a later step fails.</summary>
public sealed record DockerInstallOutcome(bool Changed, string Note, IReadOnlyDictionary<string, PackageStatus> PackagesBefore);
