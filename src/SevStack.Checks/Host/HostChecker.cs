using SevStack.Checks.Host.Checks;
using SevStack.Checks.Report;
using SevStack.Toolkit.Processes;

namespace SevStack.Checks.Host;

/// <summary>CheckHost: gathers the host facts and evaluates every host check, in dependency order.</summary>
public static class HostChecker
{
    public static IReadOnlyList<Check<HostFacts>> Checks { get; } =
    [
        new CpuVendorCheck(),
        new CpuFlagsCheck(),
        new CpuidCheck(),
        new KernelConfigCheck(),
        new SmeCheck(),
        new IommuCheck(),
        new KvmAmdSevCheck(),
        new KvmAmdFeatureCheck(KvmAmdFeature.SevEs),
        new KvmAmdFeatureCheck(KvmAmdFeature.SevSnp),
        new SnpSysCfgCheck(),
        new SnpRmpCheck(),
        new KvmDeviceCheck(),
        new MemlockCheck(),
        new DevSevCheck(),
        new DevSevAccessCheck(),
        new FirmwareCheck(),
        new AsidCheck(),
        new QemuSevCheck(),
        new LibvirtSevCheck(),
    ];

    public static async Task<CheckReport> RunAsync(HostCheckOptions options, ICommandRunner runner, CancellationToken cancellationToken = default) =>
        Evaluate(await HostFactsCollector.CollectAsync(options, runner, cancellationToken));

    public static CheckReport Evaluate(HostFacts facts) =>
        new("host", facts.Root, [.. Checks.Select(c => c.Evaluate(facts))]);
}
