using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>Launch --print as a user runs it, JIT and native (the trimmed program must keep SevStack.Launch whole enough to print).</summary>
public sealed class LaunchTargetTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_snp_launch_prints_qemu_10s_snp_command_line(bool native)
    {
        using var repository = new TempDirectory("sevstack-launch");

        var (exit, output) = await BuildProgram.RunIsolated(repository, native,
            "Launch", "--sev-level", "sev-snp", "--guest-disk", repository.Combine("guest.qcow2"), "--guest-memory", "4096",
            "--ovmf-snp", "/srv/sevstack/OVMF.fd", "--cbit-position", "51", "--print", "--no-cache");

        Assert.True(exit == 0, output);
        Assert.Contains("-machine q35,confidential-guest-support=sev0,vmport=off,memory-backend=ram1 \\", output);
        Assert.Contains("-bios /srv/sevstack/OVMF.fd \\", output);
        Assert.Contains("-object memory-backend-memfd,id=ram1,size=4096M,share=true,prealloc=false \\", output);
        Assert.Contains("-object sev-snp-guest,id=sev0,policy=0x30000,cbitpos=51,reduced-phys-bits=1 \\", output);
        Assert.DoesNotContain("if=pflash", output);
    }
}
