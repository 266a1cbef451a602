using SevStack.Toolkit.Processes;

namespace SevStack.Docker.Smoke;

/// <summary>Turns a failed <c>docker run</c> into its last error line and what to do about it.</summary>
public static class DockerFailure
{
    public static string Explain(SmokeTestSettings settings, CommandResult result)
    {
        var runtimeName = settings.RuntimeName;
        var text = result.StandardError + "\n" + result.StandardOutput;
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        // docker ends with a "See 'docker run --help'." hint; the error is the line before it.
        var last = lines.LastOrDefault(l => Has(l, "error") || Has(l, "cannot")) ?? lines.LastOrDefault() ?? "no output";
        var advice = text switch
        {
            _ when Has(text, "unknown or invalid runtime name") => $"Docker does not know the runtime {runtimeName}; run ConfigureDocker (with --runtime-name {runtimeName}) and restart Docker",
            _ when Has(text, "Cannot connect to the Docker daemon") => "Docker is not running; start it with `systemctl start docker`",
            _ when Has(text, "sev-guest") || Has(text, "sev_kvm_init") || Has(text, "SEV information block") || Has(text, "SNP_LAUNCH") => "the Kata VM did not start with SEV; run CheckHost to see what the host lacks (kvm_amd sev, /dev/sev, firmware)",
            _ when Has(text, "KVM kernel module") || Has(text, "initialize kvm") || Has(text, "/dev/kvm") => $"Docker reached the Kata shim of {runtimeName}, but this host has no usable KVM (/dev/kvm), so no Kata VM can start; run CheckHost (kvm_amd loaded, /dev/kvm present, virtualization on in the firmware)",
            _ when Has(text, "shim") && Has(text, "kata") => $"Docker reached the Kata shim of {runtimeName} and the shim failed; see its error above and the Kata logs (`journalctl -t kata`)",
            _ when Has(text, "pull access denied") || Has(text, "Unable to find image") => $"the image {settings.Image} could not be pulled; pull it once with network access (`docker pull {settings.Image}`) or name a local image with --smoke-image",
            _ => "see the Docker and Kata logs (`journalctl -u docker`)",
        };
        return $"{last}; {advice}";
    }

    static bool Has(string text, string what) => text.Contains(what, StringComparison.OrdinalIgnoreCase);
}
