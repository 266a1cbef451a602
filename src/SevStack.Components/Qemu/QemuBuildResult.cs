namespace SevStack.Components.Qemu;

/// <summary>A staged, verified QEMU: <see cref="StagingDirectory"/> mirrors the target file system under the prefix.</summary>
public sealed record QemuBuildResult(QemuFlavour Flavour, string StagingDirectory, string Prefix, string SystemBinary, QemuSevSupport? Sev)
{
    /// <summary>The same result with each path mapped, e.g. made relative to a folder or resolved in it.</summary>
    public QemuBuildResult WithFiles(Func<string, string> map) => this with
    {
        StagingDirectory = map(StagingDirectory),
        SystemBinary = map(SystemBinary),
        Sev = Sev is null ? null : Sev with { Binary = map(Sev.Binary) },
    };
}
