using SevStack.Host.Installer;
using SevStack.Host.Tests.Support;
using SevStack.Toolkit.Processes;

namespace SevStack.Host.Tests.Installer;

/// <summary>
/// Installer folders written by <see cref="InstallerBundle"/> from tiny real .debs named like ours: a kernel with
/// /boot/vmlinuz and /boot/config whose postinst runs the root's kernel hooks as real kernel packages do, QEMU depending on libc6 and libfdt1 (in every Debian test root's apt lists) and OVMF.
/// </summary>
public sealed class InstallerBundles : IDisposable
{
    public const string KernelRelease = "6.1.0-sev";
    public const string Kernel = "linux-image-" + KernelRelease;
    public const string Qemu = "sevstack-qemu";
    public const string Ovmf = "sevstack-ovmf";

    readonly string folder = Directory.CreateTempSubdirectory("sevstack-installer-fixtures-").FullName;

    public InstallerBundles()
    {
        Installable = Write("installable", qemuDepends: "libc6 (>= 2.27), libfdt1");
        NeedsNewerLibc = Write("needs-newer-libc", qemuDepends: "libc6 (>= 2.34), libfdt1");
    }

    /// <summary>Installs on Debian 11, 12 and 13 and on Ubuntu 18.04 and later (glibc 2.27).</summary>
    public string Installable { get; }

    /// <summary>QEMU built against glibc 2.34 (as on Debian 12): Debian 11, Ubuntu 18.04 and 20.04 cannot satisfy it.</summary>
    public string NeedsNewerLibc { get; }

    string Write(string name, string qemuDepends)
    {
        var debs = Path.Combine(folder, name + "-debs");
        var work = Path.Combine(folder, name + "-trees");
        FixtureDeb.Build(work, debs, Kernel, "6.1.0-1", depends: null, files: new()
        {
            [$"boot/vmlinuz-{KernelRelease}"] = "not really a kernel\n",
            [$"boot/config-{KernelRelease}"] = "CONFIG_AMD_MEM_ENCRYPT=y\nCONFIG_KVM_AMD_SEV=y\n",
        }, postinst: $"#!/bin/sh\nset -e\nif [ -d /etc/kernel/postinst.d ]; then run-parts --arg={KernelRelease} --arg=/boot/vmlinuz-{KernelRelease} /etc/kernel/postinst.d; fi\n");
        FixtureDeb.Build(work, debs, Qemu, "8.2.0-1", qemuDepends,
            files: new() { ["opt/sevstack/bin/qemu-system-x86_64"] = "#!/bin/sh\necho fixture qemu\n" }, postinst: null);
        FixtureDeb.Build(work, debs, Ovmf, "2024.02-1", depends: null,
            files: new() { ["opt/sevstack/share/ovmf/OVMF.fd"] = "fixture firmware\n" }, postinst: null);
        var output = Path.Combine(folder, name);
        new InstallerBundle(new CliWrapCommandRunner(new MemoryBuildLog(), new Privilege(IsRoot: true)), new MemoryBuildLog())
            .WriteAsync(output, Request(debs)).GetAwaiter().GetResult();
        return output;
    }

    public static InstallHostRequest Request(string debsFolder) => new()
    {
        PackageNames = [Kernel, Qemu, Ovmf],
        DebsFolder = debsFolder,
        KvmAmd = new KvmAmdOptions(SevEs: true),
        KernelCommandLine = "mem_encrypt=on kvm_amd.sev=1",
    };

    public void Dispose() => Shell.Run("rm", "-rf", folder);
}
