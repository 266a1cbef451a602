using SevStack.Checks.Guest;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Docker.Smoke;

/// <summary>
/// The SmokeTest target's work: a throw-away busybox under the Kata runtime prints its kernel log, which must show
/// that the guest runs with SEV. Needs a real SEV host with Docker and Kata configured.
/// </summary>
public sealed class KataSmokeTest(ICommandRunner runner, IBuildLog log)
{
    /// <returns>The guest log findings, or null in a dry run.</returns>
    public async Task<GuestLogFindings?> RunAsync(SmokeTestSettings settings, CancellationToken cancellationToken = default)
    {
        var runtimeName = settings.RuntimeName;
        var command = settings.Command() with { AllowFailure = true };
        var result = await runner.RunAsync(command, cancellationToken);
        if (runner.IsDryRun)
        {
            log.Info("would read the guest kernel log and check that it says SEV is active");
            return null;
        }
        if (!result.Succeeded)
            throw new BuildException($"`{command.Describe()}` failed with exit code {result.ExitCode}: {DockerFailure.Explain(settings, result)}");
        var findings = SmokeTestVerdict.Judge(runtimeName, result.StandardOutput);
        foreach (var line in findings.EncryptionLines)
            log.Info($"guest: {line.Trim()}");
        return findings;
    }
}
