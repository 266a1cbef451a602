namespace SevStack.Checks.Guest;

/// <summary>The disk the guest's root file system is on, and the driver behind it.</summary>
public sealed record RootDevice(string? Name, string Driver, string Evidence);

/// <summary>What a guest's kernel log says about memory encryption, bounce buffers and its root disk.</summary>
public sealed record GuestLogFindings(
    SevLevel Level,
    IReadOnlyList<string> EncryptionLines,
    bool UsesDmaBounceBuffers,
    int? SwiotlbMegabytes,
    string? SwiotlbLine,
    RootDevice? Root,
    bool SevGuestDriver,
    IReadOnlyList<string> SevGuestDriverLines,
    IReadOnlyList<string> HostLines)
{
    /// <summary>The log has lines only a host kernel prints (PSP, kvm_amd ASIDs, RMP table): it is not a guest's.</summary>
    public bool IsHostLog => HostLines.Count > 0;

    public bool SevActive => Level >= SevLevel.Sev;
}
