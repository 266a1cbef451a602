using SevStack.Docker.Smoke;

namespace SevStack.Docker.Tests.Smoke;

public class SmokeTestCommandTests
{
    [Fact]
    public void The_smoke_test_runs_busybox_dmesg_under_the_kata_runtime() =>
        Assert.Equal("docker run --rm --runtime sev-runtime busybox dmesg", SmokeTestCommand.GuestKernelLog("sev-runtime").Describe());
}
