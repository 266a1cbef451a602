using SevStack.Checks.Host.Checks;
using SevStack.Checks.Probes;
using SevStack.Toolkit.Processes;

namespace SevStack.Checks.Host;

/// <summary>Reads the files under the host root and asks QEMU and libvirt, once, for all host checks.</summary>
public static class HostFactsCollector
{
    public static async Task<HostFacts> CollectAsync(HostCheckOptions options, ICommandRunner runner, CancellationToken cancellationToken = default)
    {
        var files = new HostFiles(options.HostRoot);
        var cpuinfo = files.ReadText("/proc/cpuinfo");
        var commandLine = KernelCommandLine.Read(files);
        var (config, configProblem) = KernelConfig.Read(files);
        var (log, logProblem) = await KernelLogSource.LoadAsync(options.KernelLogPath, files, runner, cancellationToken);
        // QEMU and libvirt answer for this machine, not for a tree under --host-root: they are asked on the live root only.
        var notLive = files.IsLiveRoot ? null : $"the host root {files.Root} is not this machine, whose QEMU and libvirt would answer for themselves";
        var qmp = options.QemuBinary is null || notLive is not null
            ? null
            : await QmpSevProbe.RunAsync(runner, options.QemuBinary, options.QemuTimeout, cancellationToken);
        var virsh = options.VirshBinary is null || notLive is not null
            ? null
            : await VirshProbe.RunAsync(runner, options.VirshBinary, options.LibvirtUri, cancellationToken);

        return new HostFacts(
            files.Root,
            cpuinfo is null ? null : CpuInfo.Parse(cpuinfo),
            CpuidReading.Read(files),
            config,
            configProblem,
            log,
            logProblem,
            commandLine,
            KvmAmdParameters.Read(files),
            ModprobeOptions.Read(files, commandLine),
            files.Mode(DevSevCheck.DevicePath),
            files.List("/sys/class/iommu"),
            qmp,
            virsh,
            KvmApiVersion.Read(files),
            DeviceOpen.Try(files, DevSevCheck.DevicePath),
            MemlockLimit.Read(files),
            ProcessIdentity.Read(files),
            SysCfgMsr.Read(files),
            options.GuestMemoryMiB,
            notLive);
    }
}
