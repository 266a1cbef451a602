using SevStack.Checks.Probes;
using SevStack.Testing;

namespace SevStack.Launch.Tests.Support;

/// <summary>A fixture host root holding only what Launch and LibvirtXml read from a host: its cpuid device.</summary>
sealed class CpuidHost : IDisposable
{
    readonly TempDirectory directory = new("sevstack-cpuid");

    CpuidHost() { }

    public string Root => directory.Path;

    /// <summary>A host without the cpuid driver (no /dev/cpu/0/cpuid).</summary>
    public static CpuidHost WithoutDriver() => new();

    public static CpuidHost With(uint eax, uint ebx, uint ecx, uint edx)
    {
        var host = new CpuidHost();
        CpuidDevice.Write(host.Root, eax, ebx, ecx, edx);
        return host;
    }

    public static CpuidHost MilanSnp()
    {
        var host = new CpuidHost();
        CpuidDevice.WriteMilanSnp(host.Root);
        return host;
    }

    /// <summary>What Launch reads from a Milan SNP host: C-bit 51, reduction 1.</summary>
    public static CpuidReading MilanSnpReading()
    {
        using var host = MilanSnp();
        return host.Read();
    }

    public CpuidReading Read() => CpuidReading.Read(new HostFiles(Root));

    public void Dispose() => directory.Dispose();
}
