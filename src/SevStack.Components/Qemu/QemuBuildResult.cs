namespace SevStack.Components.Qemu;

/// <summary>A staged, verified QEMU: <see cref="StagingDirectory"/> mirrors the target file system under the prefix.</summary>
public sealed record QemuBuildResult(QemuFlavour Flavour, string StagingDirectory, string Prefix, string SystemBinary, QemuSevSupport? Sev);
