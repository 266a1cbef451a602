using SevStack.Checks;
using SevStack.Docker.Smoke;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Docker.Tests.Smoke;

/// <summary>SmokeTest's verdict on real guest kernel logs (old and new wordings), a log without SEV, the host's own log, and docker failures.</summary>
public class KataSmokeTestTests
{
    const string DockerRun = "docker run --rm --runtime kata-sev busybox dmesg";

    static string HostSample(string name) => File.ReadAllText(SharedData.TestData("host", name));

    static string NoSevSample() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Smoke", "dmesg-guest-kata-no-sev.txt"));

    [Theory]
    [InlineData("dmesg-guest-sev-4.x.txt", SevLevel.Sev, "AMD Secure Encrypted Virtualization (SEV) active")]
    [InlineData("dmesg-guest-sev-es.txt", SevLevel.SevEs, "AMD Memory Encryption Features active: SEV SEV-ES")]
    [InlineData("dmesg-guest-snp-6.x.txt", SevLevel.SevSnp, "Memory Encryption Features active: AMD SEV SEV-ES SEV-SNP")]
    public async Task A_guest_log_saying_SEV_is_active_passes_with_its_level(string sample, SevLevel level, string line)
    {
        var runner = new RecordingCommandRunner().Answer(DockerRun, 0, HostSample(sample));
        var log = new MemoryBuildLog();

        var findings = await new KataSmokeTest(runner, log).RunAsync(new SmokeTestSettings("kata-sev"));

        Assert.Equal([DockerRun], runner.CommandLines);
        Assert.Equal(level, findings!.Level);
        Assert.StartsWith($"{level.Display()} active: ", SmokeTestVerdict.Describe(findings), StringComparison.Ordinal);
        Assert.Contains(line, SmokeTestVerdict.Describe(findings), StringComparison.Ordinal);
        Assert.Contains(log.Lines, l => l.StartsWith("guest: ", StringComparison.Ordinal) && l.Contains(line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_guest_log_without_SEV_fails_and_names_the_likely_causes()
    {
        var runner = new RecordingCommandRunner().Answer(DockerRun, 0, NoSevSample());

        var error = await Assert.ThrowsAsync<BuildException>(() => new KataSmokeTest(runner, new MemoryBuildLog()).RunAsync(new SmokeTestSettings("kata-sev")));

        Assert.Equal("SEV is not active in the container of runtime kata-sev: the guest kernel booted without memory encryption; the likely causes are Kata's configuration "
                     + "(run ConfigureKata with --kata-confidential sev or snp), a guest kernel without AMD_MEM_ENCRYPT, or a host whose kvm_amd has SEV off (run CheckHost)", error.Message);
    }

    [Theory]
    [InlineData("dmesg-host-sev-es.txt")]
    [InlineData("dmesg-host-snp-6.9.txt")]
    public void The_hosts_own_log_means_the_container_ran_without_a_VM(string sample)
    {
        var error = Assert.Throws<BuildException>(() => SmokeTestVerdict.Judge("runc", HostSample(sample)));

        Assert.Contains("the log is this host's own kernel log", error.Message, StringComparison.Ordinal);
        Assert.Contains("register runc as a Kata runtime with ConfigureDocker", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_log_is_not_mistaken_for_a_guest_without_SEV()
    {
        var error = Assert.Throws<BuildException>(() => SmokeTestVerdict.Judge("kata-sev", "\n"));

        Assert.Contains("dmesg printed nothing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("docker: Error response from daemon: unknown or invalid runtime name: kata-sev.", "Docker does not know the runtime kata-sev; run ConfigureDocker (with --runtime-name kata-sev) and restart Docker")]
    [InlineData("Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?", "Docker is not running")]
    [InlineData("docker: Error response from daemon: failed to create shim task: qemu-system-x86_64: sev_kvm_init: failed to initialize ret=-22 fw_error=0 ''", "run CheckHost")]
    [InlineData("docker: Error response from daemon: failed to create task for container: failed to create shim task: Could not access KVM kernel module: No such file or directory: unknown.", "Docker reached the Kata shim of kata-sev, but this host has no usable KVM (/dev/kvm)")]
    [InlineData("docker: Error response from daemon: failed to create task for container: failed to start shim: start failed: containerd-shim-kata-v2: exit status 1: unknown.", "Docker reached the Kata shim of kata-sev and the shim failed")]
    [InlineData("docker: Error response from daemon: pull access denied for busybox, repository does not exist or may require 'docker login'", "name a local image with --smoke-image")]
    public async Task A_failing_docker_run_is_explained(string stderr, string advice)
    {
        var runner = new FailingDocker(stderr);

        var error = await Assert.ThrowsAsync<BuildException>(() => new KataSmokeTest(runner, new MemoryBuildLog()).RunAsync(new SmokeTestSettings("kata-sev")));

        Assert.StartsWith($"`{DockerRun}` failed with exit code 125: {stderr}; ", error.Message, StringComparison.Ordinal);
        Assert.Contains(advice, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_only_prints_the_docker_command()
    {
        var runner = new RecordingCommandRunner(isDryRun: true);

        var findings = await new KataSmokeTest(runner, new MemoryBuildLog()).RunAsync(new SmokeTestSettings("kata-sev"));

        Assert.Null(findings);
        Assert.Equal([DockerRun], runner.CommandLines);
    }

    sealed class FailingDocker(string stderr) : ICommandRunner
    {
        public bool IsDryRun => false;

        public Task<CommandResult> RunAsync(CommandSpec spec, CancellationToken cancellationToken = default) =>
            Task.FromResult(new CommandResult(125, "", stderr + "\nRun 'docker run --help' for more information\n", TimeSpan.Zero));
    }
}
