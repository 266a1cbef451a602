using System.Globalization;
using SevStack.Checks;
using SevStack.Checks.Probes;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Launch.Qemu;

/// <summary>Builds the QEMU command line of AMD's launch-qemu.sh (snp-latest), without its hard-coded values.</summary>
public static class LaunchCommandBuilder
{
    const string SevObjectId = "sev0";
    const string MemoryBackendId = "ram1";

    /// <summary>Builds the plan; the C-bit position comes from <paramref name="cpuid"/> unless the options give it.</summary>
    /// <exception cref="BuildException">An option is invalid, or the C-bit position is unknown.</exception>
    public static LaunchPlan Build(LaunchOptions options, CpuidReading? cpuid)
    {
        Validate(options);
        var notes = new List<string>();
        var args = new List<string>();
        args.AddRange(options.Accelerator == "kvm" ? ["-enable-kvm"] : ["-accel", options.Accelerator]);
        args.AddRange(["-cpu", options.CpuModel]);
        args.AddRange(["-machine", MachineArgument(options)]);
        args.AddRange(["-smp", Number(options.Cpus), "-m", $"{Number(options.MemoryMiB)}M", "-no-reboot"]);

        string? varsCopy = null;
        if (options.Level == SevLevel.SevSnp)
        {
            args.AddRange(["-bios", options.SnpFirmware!]);
            notes.Add("SEV-SNP boots a single OVMF image with -bios: its memory is private, so pflash cannot be used");
        }
        else
        {
            varsCopy = Path.Combine(options.StateDirectory, $"{GuestName(options)}.OVMF_VARS.fd");
            args.AddRange(["-drive", $"if=pflash,format=raw,unit=0,file={Value(options.OvmfCode)},readonly=on"]);
            args.AddRange(["-drive", $"if=pflash,format=raw,unit=1,file={Value(varsCopy)}"]);
        }

        if (options.Cdrom is not null)
            args.AddRange(["-drive", $"file={Value(options.Cdrom)},media=cdrom", "-boot", "d"]);
        if (options.UserNetwork)
            args.AddRange(["-netdev", "user,id=vmnic", "-device", "virtio-net-pci,disable-legacy=on,iommu_platform=on,netdev=vmnic,romfile="]);
        if (options.DiskImage is not null)
        {
            var format = options.DiskImage.EndsWith(".qcow2", StringComparison.OrdinalIgnoreCase) ? "qcow2" : "raw";
            args.AddRange(["-drive", $"file={Value(options.DiskImage)},if=none,id=disk0,format={format}"]);
            args.AddRange(["-device", "virtio-scsi-pci,id=scsi0,disable-legacy=on,iommu_platform=on"]);
            args.AddRange(["-device", "scsi-hd,drive=disk0"]);
        }

        if (options.Level != SevLevel.None)
            args.AddRange(SevArguments(options, cpuid, notes));

        if (options.Kernel is not null)
        {
            args.AddRange(["-kernel", options.Kernel, "-append", options.Append]);
            if (options.Initrd is not null)
                args.AddRange(["-initrd", options.Initrd]);
        }
        args.Add("-nographic");
        if (options.MonitorSocket is not null)
            args.AddRange(["-monitor", $"unix:{Value(options.MonitorSocket)},server=on,wait=off"]);

        var command = new CommandSpec(options.QemuBinary, [.. args]) { NeedsRoot = options.Level != SevLevel.None };
        string?[] inputs = options.Level == SevLevel.SevSnp
            ? [options.SnpFirmware, options.DiskImage, options.Cdrom, options.Kernel, options.Initrd, options.SnpCertsPath]
            : [options.OvmfCode, options.DiskImage, options.Cdrom, options.Kernel, options.Initrd];
        return new LaunchPlan(command, varsCopy is null ? null : options.OvmfVarsTemplate, varsCopy, notes)
        {
            InputFiles = [.. inputs.OfType<string>()],
        };
    }

    static string MachineArgument(LaunchOptions options) => options.Level switch
    {
        SevLevel.None => "q35",
        SevLevel.SevSnp => $"q35,confidential-guest-support={SevObjectId},vmport=off,memory-backend={MemoryBackendId}",
        _ => $"q35,confidential-guest-support={SevObjectId},vmport=off",
    };

    static IEnumerable<string> SevArguments(LaunchOptions options, CpuidReading? cpuid, List<string> notes)
    {
        var cbitpos = CbitPositionSource.Resolve(options.CbitPosition, cpuid, notes);
        var common = $"cbitpos={Number(cbitpos)},reduced-phys-bits={Number(options.ReducedPhysBits)}";
        var policy = PolicyChoice.For(options.Level, options.Policy, options.AllowDebug);
        notes.AddRange(policy.Explanation);
        if (options.Level == SevLevel.SevSnp)
        {
            var certs = options.SnpCertsPath is null ? "" : $",certs-path={Value(options.SnpCertsPath)}";
            return
            [
                "-object", $"memory-backend-memfd,id={MemoryBackendId},size={Number(options.MemoryMiB)}M,share=true,prealloc=false",
                "-object", $"sev-snp-guest,id={SevObjectId},policy={policy.Text},{common}{certs}",
            ];
        }
        return ["-object", $"sev-guest,id={SevObjectId},policy={policy.Text},{common}"];
    }

    static void Validate(LaunchOptions options)
    {
        if (options.MemoryMiB < 128)
            throw new BuildException($"--guest-memory {options.MemoryMiB}: {options.MemoryMiB} MiB is too small; give at least 128");
        if (options.Cpus < 1)
            throw new BuildException($"--guest-cpus {options.Cpus}: a guest needs at least 1 CPU");
        if (options.ReducedPhysBits < 1)
            throw new BuildException($"reduced-phys-bits {options.ReducedPhysBits} must be at least 1 (QEMU refuses 0)");
        if (options.Level == SevLevel.SevSnp && options.SnpFirmware is null)
            throw new BuildException("SEV-SNP guests boot a single OVMF image (OVMF.fd, with SNP support) through -bios; give its path with --ovmf-snp");
        if (options.SnpCertsPath is not null && options.Level != SevLevel.SevSnp)
            throw new BuildException("an SNP certificate blob only applies to SEV-SNP guests (--sev-level sev-snp)");
        if (options.DiskImage is null && options.Cdrom is null && options.Kernel is null)
            throw new BuildException("nothing to boot: give a disk image (--guest-disk), a CD image or a kernel");
    }

    static string GuestName(LaunchOptions options) =>
        options.GuestName ?? Path.GetFileNameWithoutExtension(options.DiskImage ?? options.Cdrom ?? options.Kernel!);

    /// <summary>A value inside a QEMU option list, where a literal comma is written twice.</summary>
    static string Value(string text) => text.Replace(",", ",,", StringComparison.Ordinal);

    static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
