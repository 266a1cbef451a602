using SevStack.Components.Qemu;

namespace SevStack.Components.Tests.E2E;

[Trait("Suite", "E2E")]
public sealed class QemuE2ETests
{
    [Fact]
    public async Task Host_qemu_from_debian_source_is_staged_and_offers_sev_guest()
    {
        var result = await E2EBuilds.HostQemuAsync();
        Assert.True(result.Sev!.HasSevGuest);
        Assert.StartsWith(Path.Combine(E2EWorkspace.Builds, "qemu", "qemu-host-staging", "opt", "sevstack"), result.SystemBinary);
    }

    [Fact]
    public async Task Kata_qemu_builds_with_the_hardened_flags_and_offers_sev_guest()
    {
        var result = await E2EBuilds.BuildQemuAsync(QemuFlavour.Kata);
        Assert.True(result.Sev!.HasSevGuest);
    }
}
