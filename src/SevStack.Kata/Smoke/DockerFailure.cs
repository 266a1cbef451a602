using SevStack.Engine.Processes;

namespace SevStack.Kata.Smoke;

/// <summary>Turns a failed <c>docker run</c> into its last error line and what to do about it.</summary>
public static class DockerFailure
{
    public static string Explain(string runtimeName, CommandResult result)
    {
        var text = result.StandardError + "\n" + result.StandardOutput;
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        // docker ends with a "See 'docker run --help'." hint; the error is the line before it.
        var last = lines.LastOrDefault(l => Has(l, "error") || Has(l, "cannot")) ?? lines.LastOrDefault() ?? "no output";
        var advice = text switch
        {
            _ when Has(text, "unknown or invalid runtime name") => $"Docker does not know the runtime {runtimeName}; run ConfigureDocker (with --runtime-name {runtimeName}) and restart Docker",
            _ when Has(text, "Cannot connect to the Docker daemon") => "Docker is not running; start it with `systemctl start docker`",
            _ when Has(text, "sev-guest") || Has(text, "sev_kvm_init") || Has(text, "SEV information block") || Has(text, "SNP_LAUNCH") => "the Kata VM did not start with SEV; run CheckHost to see what the host lacks (kvm_amd sev, /dev/sev, firmware)",
            _ when Has(text, "pull access denied") || Has(text, "Unable to find image") => "the busybox image could not be pulled; pull it once with network access (`docker pull busybox`)",
            _ => "see the Docker and Kata logs (`journalctl -u docker`)",
        };
        return $"{last}; {advice}";
    }

    static bool Has(string text, string what) => text.Contains(what, StringComparison.OrdinalIgnoreCase);
}
