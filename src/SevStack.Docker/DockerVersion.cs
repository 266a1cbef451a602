using System.Text.RegularExpressions;
using SevStack.Toolkit.Processes;
using SevStack.Host;

namespace SevStack.Docker;

/// <summary>The Docker release a root has (upstream version such as 20.10.24), where that was read, and its package if any.</summary>
public sealed partial record DockerVersion(Version Version, string Source, string? Package = null)
{
    public const string DpkgStatus = "/var/lib/dpkg/status";
    static readonly string[] Packages = ["docker-ce", "docker.io", "moby-engine"];

    public override string ToString() => $"{Version} ({Source})";

    /// <summary>The version of the installed docker-ce, docker.io or moby-engine in the root's dpkg database; null when none is installed.</summary>
    public static DockerVersion? FromDpkgStatus(TargetRoot root)
    {
        var path = root.Map(DpkgStatus);
        if (!File.Exists(path))
            return null;
        var installed = DebControl.ParseStanzas(File.ReadAllText(path))
            .Where(s => s.TryGetValue("Status", out var status) && status.EndsWith(" installed", StringComparison.Ordinal))
            .Where(s => s.TryGetValue("Package", out var name) && Packages.Contains(name))
            .ToDictionary(s => s["Package"], s => s.TryGetValue("Version", out var v) ? v : "");
        foreach (var name in Packages)
            if (installed.TryGetValue(name, out var packaged) && FromPackageVersion(packaged) is { } version)
                return new DockerVersion(version, $"{name} {packaged}", name);
        return null;
    }

    /// <summary>
    /// The dpkg database first; else <c>dockerd --version</c> run inside the root (chrooted for a sysroot, so never this
    /// machine's dockerd for another root). Null when the root has no Docker or its version cannot be read.
    /// </summary>
    public static async Task<DockerVersion?> FindAsync(TargetRoot root, ICommandRunner runner, CancellationToken cancellationToken = default)
    {
        if (FromDpkgStatus(root) is { } packaged)
            return packaged;
        var daemon = InstalledDocker.DaemonPaths.FirstOrDefault(p => File.Exists(root.Map(p)));
        if (daemon is null)
            return null;
        var result = await runner.RunAsync(root.Command(daemon, "--version") with { IsQuery = true, AllowFailure = true }, cancellationToken).ConfigureAwait(false);
        return result.Succeeded && FromDaemonOutput(result.StandardOutput) is { } version
            ? new DockerVersion(version, $"{daemon} --version")
            : null;
    }

    /// <summary>The version apt would install for <paramref name="package"/> in the root (<c>apt-cache policy</c>); null when it has no candidate.</summary>
    public static async Task<DockerVersion?> CandidateAsync(TargetRoot root, ICommandRunner runner, string package, CancellationToken cancellationToken = default)
    {
        var result = await runner.RunAsync(root.Command("apt-cache", "policy", package) with { IsQuery = true, AllowFailure = true }, cancellationToken).ConfigureAwait(false);
        var candidate = result.StandardOutput.Split('\n').Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith("Candidate:", StringComparison.Ordinal))?["Candidate:".Length..].Trim();
        return result.Succeeded && candidate is not null && FromPackageVersion(candidate) is { } version
            ? new DockerVersion(version, $"{package} {candidate}, which apt would install")
            : null;
    }

    /// <summary>"20.10.24+dfsg1-1+b3" → 20.10.24; "5:24.0.7-1~debian.12~bookworm" → 24.0.7 (epoch and revision dropped).</summary>
    public static Version? FromPackageVersion(string packageVersion)
    {
        var upstream = packageVersion.Contains(':') ? packageVersion[(packageVersion.IndexOf(':') + 1)..] : packageVersion;
        return LeadingVersion(upstream);
    }

    /// <summary>"Docker version 20.10.24+dfsg1, build 297e128" → 20.10.24.</summary>
    public static Version? FromDaemonOutput(string output) =>
        DaemonOutput().Match(output) is { Success: true } match ? LeadingVersion(match.Groups[1].Value) : null;

    static Version? LeadingVersion(string text) =>
        NumericPrefix().Match(text) is { Success: true } match && Version.TryParse(match.Value, out var version) ? version : null;

    [GeneratedRegex(@"^\d+\.\d+(\.\d+)?")]
    private static partial Regex NumericPrefix();

    [GeneratedRegex(@"version\s+v?(\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex DaemonOutput();
}
