using SevStack.Testing;

namespace SevStack.Checks.Tests.Support;

/// <summary>
/// A fake host root assembled from the shared real-world samples (cpuinfo, sysfs trees, kernel logs) plus the few
/// files no sample covers (a kernel config, a cpuid device holding leaf 0x8000001F).
/// </summary>
sealed class HostTree : IDisposable
{
    readonly TempDirectory directory = new("sevstack-host");

    public string Root => directory.Path;

    public static string Sample(string name) => SharedData.TestData("host", name);

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    public HostTree CpuInfo(string sample) => CopyFile(Sample(sample), "/proc/cpuinfo");

    public HostTree KernelRelease(string release, string? configFixture)
    {
        Write("/proc/sys/kernel/osrelease", release + "\n");
        return configFixture is null ? this : CopyFile(Fixture(configFixture), $"/boot/config-{release}");
    }

    public HostTree CommandLine(string text) => Write("/proc/cmdline", text + "\n");

    /// <summary>Copies a shared sysfs tree (<c>sysfs/snp-host</c>, <c>sysfs/sev-legacy-int</c>) into the root.</summary>
    public HostTree Sysfs(string sample)
    {
        var source = Sample(Path.Combine("sysfs", sample));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            CopyFile(file, "/" + Path.GetRelativePath(source, file));
        return this;
    }

    public HostTree KvmAmdParameter(string name, string value) => Write($"/sys/module/kvm_amd/parameters/{name}", value + "\n");

    /// <summary>The kernel log at /var/log/dmesg: the given samples, one after the other.</summary>
    public HostTree KernelLog(params string[] samples) =>
        Write("/var/log/dmesg", string.Concat(samples.Select(s => File.ReadAllText(Sample(s)))));

    public HostTree DevSev(UnixFileMode mode)
    {
        Write("/dev/sev", "");
        File.SetUnixFileMode(Resolve("/dev/sev"), mode);
        return this;
    }

    public HostTree Iommu(params string[] devices)
    {
        foreach (var device in devices)
            Directory.CreateDirectory(Resolve($"/sys/class/iommu/{device}"));
        return this;
    }

    /// <summary>A sparse stand-in for /dev/cpu/0/cpuid: the four registers of leaf 0x8000001F at offset 0x8000001F.</summary>
    public HostTree Cpuid(uint eax, uint ebx, uint ecx, uint edx)
    {
        CpuidDevice.Write(Root, eax, ebx, ecx, edx);
        return this;
    }

    /// <summary>/proc/self/limits with the given memlock limit in bytes (null: unlimited), as the kernel formats it.</summary>
    public HostTree Memlock(ulong? soft, ulong? hard) => Write("/proc/self/limits",
        "Limit                     Soft Limit           Hard Limit           Units     \n" +
        "Max open files            1024                 524288               files     \n" +
        $"Max locked memory         {Limit(soft),-21}{Limit(hard),-21}bytes     \n");

    static string Limit(ulong? bytes) => bytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited";

    /// <summary>/proc/self/status of the process running the check: its effective uid and capabilities.</summary>
    public HostTree Identity(int uid, ulong capabilities) => Write("/proc/self/status",
        $"Name:\tsevstack\nUid:\t{uid}\t{uid}\t{uid}\t{uid}\nGid:\t{uid}\t{uid}\t{uid}\t{uid}\nCapEff:\t{capabilities:x16}\n");

    public HostTree DevKvm() => Write("/dev/kvm", "");

    /// <summary>A sparse stand-in for /dev/cpu/0/msr holding SYSCFG (MSR 0xC0010010) at its offset.</summary>
    public HostTree SysCfg(ulong value)
    {
        var path = Resolve("/dev/cpu/0/msr");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write);
        file.Seek(0xC0010010, SeekOrigin.Begin);
        file.Write(BitConverter.GetBytes(value));
        return this;
    }

    public string Resolve(string path) => Path.Combine(Root, path.TrimStart('/'));

    public HostTree Write(string path, string content)
    {
        var full = Resolve(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    HostTree CopyFile(string source, string path)
    {
        var full = Resolve(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.Copy(source, full, overwrite: true);
        return this;
    }

    /// <summary>Report text with the temporary root replaced, so approved files do not depend on it.</summary>
    public string Normalize(string text) => text.Replace(Root, "<host-root>", StringComparison.Ordinal);

    public void Dispose() => directory.Dispose();
}
