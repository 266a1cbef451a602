using SevStack.Build.Modules;
using SevStack.Components.Kernel;
using SevStack.Components.Ovmf;
using SevStack.Components.Qemu;
using SevStack.Measurement.Firmware;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>Every result type a target stores reads back, and its cache key reads without knowing the type.</summary>
public sealed class TargetOutputFolderTests
{
    [Fact]
    public void Each_stored_result_reads_back_and_its_cache_key_reads_alone()
    {
        using var temp = new TempDirectory("sevstack-output");
        var kernel = new KernelPackages("6.1.0-sev", "6.1.0-sev-1", "linux-image.deb", null, "linux-libc-dev.deb");
        var images = new KernelImages("6.1.0-sev.container", "bzImage", "vmlinux");
        var qemu = new QemuBuildResult(QemuFlavour.Kata, "staging", "/usr/local", "bin/qemu-system-x86_64", null);
        var ovmf = new OvmfBuildResult(OvmfVariant.AmdSev, ".", "GCC5", null, null, "AMDSEV.fd")
        {
            FooterEntries = [FooterGuids.SevSecret, FooterGuids.SevHashTableArea], GrubHasSecretModule = false,
        };

        Assert.Equal(kernel, RoundTrip(temp, "BuildKernel", kernel, "k1"));
        Assert.Equal(images, RoundTrip(temp, "BuildGuestKernel", images, "k2"));
        Assert.Equal(qemu, RoundTrip(temp, "BuildQemu", qemu, "k3"));
        Assert.Equal([ovmf, ovmf with { Variant = OvmfVariant.Kata }], RoundTrip(temp, "BuildOvmf", new[] { ovmf, ovmf with { Variant = OvmfVariant.Kata } }, null));
        Assert.Contains("\"Flavour\": \"Kata\"", File.ReadAllText(temp.Combine("BuildQemu", "result.json")));
    }

    static T RoundTrip<T>(TempDirectory temp, string target, T result, string? key)
    {
        var folder = new TargetOutputFolder(target, temp.Combine(target));
        folder.Reset();
        folder.WriteResult(result, key);
        Assert.Equal(key, folder.ReadCacheKey());
        var (read, readKey) = folder.ReadResult<T>();
        Assert.Equal(key, readKey);
        return read;
    }
}
