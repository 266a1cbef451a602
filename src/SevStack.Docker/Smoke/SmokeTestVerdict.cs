using SevStack.Checks;
using SevStack.Checks.Guest;
using SevStack.Checks.Probes;
using SevStack.Toolkit;

namespace SevStack.Docker.Smoke;

/// <summary>
/// Judges the kernel log a container printed: SEV is active when the guest kernel says so (any wording the
/// Checks stage knows); otherwise the error names the most likely cause from what the log does show.
/// </summary>
public static class SmokeTestVerdict
{
    /// <returns>The findings when SEV (or SEV-ES, SEV-SNP) is active.</returns>
    /// <exception cref="BuildException">SEV is not active: one line with the likely cause and what to do.</exception>
    public static GuestLogFindings Judge(string runtimeName, string kernelLog)
    {
        var log = KernelLog.Parse($"docker run --runtime {runtimeName} busybox dmesg", kernelLog);
        var findings = GuestKernelLogAnalyzer.Analyze(log);
        if (findings.SevActive)
            return findings;
        throw new BuildException($"SEV is not active in the container of runtime {runtimeName}: {LikelyCause(runtimeName, log)}");
    }

    static string LikelyCause(string runtimeName, KernelLog log)
    {
        if (log.Lines.All(string.IsNullOrWhiteSpace))
            return "dmesg printed nothing, so there is no guest kernel log to read; a container on runc may not read the kernel log (check `docker info` for the runtime)";
        var host = HostKernelLogFacts.Parse(log);
        if (host.Asids.Count > 0 || host.SevApi is not null)
            return $"the log is this host's own kernel log (it reports SEV ASIDs or the SEV firmware), so the container ran without a VM; register {runtimeName} as a Kata runtime with ConfigureDocker and check `docker info`";
        return "the guest kernel booted without memory encryption; the likely causes are Kata's configuration (run ConfigureKata with --kata-confidential sev or snp), "
               + "a guest kernel without AMD_MEM_ENCRYPT, or a host whose kvm_amd has SEV off (run CheckHost)";
    }

    /// <summary>One line for the summary: the level and the guest kernel line that proves it.</summary>
    public static string Describe(GuestLogFindings findings) =>
        $"{findings.Level.Display()} active: {findings.EncryptionLines.FirstOrDefault()?.Trim()}";
}
