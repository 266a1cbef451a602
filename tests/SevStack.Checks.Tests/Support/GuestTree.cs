using SevStack.Testing;

namespace SevStack.Checks.Tests.Support;

/// <summary>A fake guest root: a kernel log at /var/log/dmesg and sparse msr devices holding SEV_STATUS.</summary>
sealed class GuestTree : IDisposable
{
    readonly TempDirectory directory = new("sevstack-guest");

    public string Root => directory.Path;

    public GuestTree KernelLog(string sample) => KernelLogText(File.ReadAllText(HostTree.Sample(sample)));

    public GuestTree KernelLogText(string text)
    {
        directory.WriteFile("var/log/dmesg", text);
        return this;
    }

    /// <summary>Writes SEV_STATUS (MSR 0xC0010131) for the given CPUs at the offset the msr driver uses.</summary>
    public GuestTree SevStatus(ulong value, int cpus = 2)
    {
        for (var cpu = 0; cpu < cpus; cpu++)
        {
            var path = directory.Combine("dev", "cpu", cpu.ToString(System.Globalization.CultureInfo.InvariantCulture), "msr");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
            file.Seek(0xC0010131, SeekOrigin.Begin);
            file.Write(BitConverter.GetBytes(value));
        }
        return this;
    }

    public string Normalize(string text) => text.Replace(Root, "<guest-root>", StringComparison.Ordinal);

    public void Dispose() => directory.Dispose();
}
