using SevStack.Toolkit.Processes;

namespace SevStack.Docker.Smoke;

/// <summary>
/// The SmokeTest container: a throw-away busybox under the Kata runtime printing the guest kernel log.
/// Reading SEV evidence out of that log is the Checks stage's guest-log parser's job.
/// </summary>
public static class SmokeTestCommand
{
    public static CommandSpec GuestKernelLog(string runtimeName, string image = "busybox") =>
        new("docker", "run", "--rm", "--runtime", runtimeName, image, "dmesg") { NeedsRoot = true };
}
