using SevStack.Checks.Probes;
using SevStack.Checks.Report;

namespace SevStack.Checks.Host;

/// <summary>Everything CheckHost read, gathered once; every check is a pure function of these facts.</summary>
public sealed record HostFacts(
    string Root,
    CpuInfo? Cpu,
    CpuidReading Cpuid,
    KernelConfig? KernelConfig,
    string KernelConfigProblem,
    KernelLog? KernelLog,
    string? KernelLogProblem,
    KernelCommandLine CommandLine,
    KvmAmdParameters KvmAmd,
    ModprobeOptions KvmAmdOptions,
    UnixFileMode? DevSevMode,
    IReadOnlyList<string> IommuDevices,
    QmpSevResult? Qmp,
    VirshResult? Virsh,
    KvmApiVersion Kvm,
    DeviceOpen DevSevOpen,
    MemlockLimit? Memlock,
    ProcessIdentity? Identity,
    SysCfgMsr SysCfg,
    int GuestMemoryMiB,
    string? NotLiveRoot) : IKernelLogFacts<HostKernelLogFacts>
{
    public HostKernelLogFacts? Log { get; } = KernelLog is null ? null : HostKernelLogFacts.Parse(KernelLog);

    public bool IsAmd => Cpu?.IsAmd == true;

    /// <summary>Who would start QEMU here, as the checks name them.</summary>
    public string User => Identity?.Describe() ?? "this user";

    /// <summary>The memory-encryption leaf when it was read and is meaningful.</summary>
    public CpuidLeaf8000001F? Leaf => Cpuid.LeafImplemented ? Cpuid.Leaf : null;
}
