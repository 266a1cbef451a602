namespace SevStack.Sources.Floors;

/// <summary>The oldest upstream commit a component's source must contain, and the first release that contains it.</summary>
/// <param name="CommitDate">The commit's committer date: a commit dated earlier cannot contain it.</param>
/// <param name="FirstRelease">The first release with the commit, as <see cref="ReleaseFloor"/> reads versions.</param>
public sealed record CommitFloor(string Component, string Commit, DateTimeOffset CommitDate, string Subject, ReleaseFloor FirstRelease)
{
    /// <summary>
    /// The seed's OVMF floor: SEV guests need edk2 75b7aa9528bd (2018-07-06), first in the edk2-stable201808 tag.
    /// </summary>
    public static CommitFloor Edk2 { get; } = new("ovmf", "75b7aa9528bdd05a7ecf4e64a6beb478d31b402c",
        new DateTimeOffset(2018, 7, 6, 20, 8, 24, TimeSpan.FromHours(2)),
        "OvmfPkg/QemuFlashFvbServicesRuntimeDxe: Restore C-bit when SEV is active",
        new ReleaseFloor("edk2-stable201808", StableYearMonth: 201808, SnapshotDayAfter: 20180706));

    public string ShortCommit => Commit[..12];

    /// <summary>"edk2 commit 75b7aa9528bd (2018-07-06, first in edk2-stable201808)", for messages.</summary>
    public string Describe() => $"commit {ShortCommit} ({CommitDate:yyyy-MM-dd}, first in {FirstRelease.Name})";
}
