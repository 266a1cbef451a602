using SevStack.Components.BuildRoots;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Components.BuildDeps;

/// <summary>
/// Installs a release's <see cref="PinnedTool"/>s through <paramref name="runner"/> (a build root's): each at its exact
/// version, after checking that the .deb apt would download has the pinned SHA256 (apt then checks the file against it).
/// </summary>
public sealed class PinnedToolInstaller(ICommandRunner runner, IBuildLog log)
{
    static readonly IReadOnlyDictionary<string, string?> Environment = new Dictionary<string, string?>
    {
        ["DEBIAN_FRONTEND"] = "noninteractive",
        ["LC_ALL"] = "C",
    };

    /// <summary>Installs the tools not installed at their version yet; returns those it installed.</summary>
    public async Task<IReadOnlyList<PinnedTool>> InstallAsync(IReadOnlyList<PinnedTool> tools, CancellationToken cancellationToken = default)
    {
        var missing = new List<PinnedTool>();
        foreach (var tool in tools)
            if (await InstalledVersionAsync(tool.Package, cancellationToken) != tool.Version)
                missing.Add(tool);
        if (missing.Count == 0)
            return [];
        await runner.RunAsync(new CommandSpec("apt-get", "update", "-q") { NeedsRoot = true, Environment = Environment }, cancellationToken);
        foreach (var tool in missing)
        {
            log.Info($"build root: installing {tool.Pin} ({tool.Reason})");
            await RequireHashAsync(tool, cancellationToken);
        }
        await runner.RunAsync(new CommandSpec("apt-get", ["install", "-y", "-q", "--no-install-recommends", .. missing.Select(t => t.Pin)])
        {
            NeedsRoot = true, Environment = Environment,
        }, cancellationToken);
        return missing;
    }

    async Task<string?> InstalledVersionAsync(string package, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(new CommandSpec("dpkg-query", "-W", "-f=${db:Status-Abbrev} ${Version}", package) { IsQuery = true, AllowFailure = true },
            cancellationToken);
        var parts = result.StandardOutput.Trim().Split(' ', 2, StringSplitOptions.TrimEntries);
        return result.Succeeded && parts.Length == 2 && parts[0].StartsWith("ii", StringComparison.Ordinal) ? parts[1] : null;
    }

    async Task RequireHashAsync(PinnedTool tool, CancellationToken cancellationToken)
    {
        var show = await runner.RunAsync(new CommandSpec("apt-cache", "show", "--no-all-versions", tool.Pin) { IsQuery = true, AllowFailure = true }, cancellationToken);
        if (runner.IsDryRun && show.StandardOutput.Length == 0)
            return;
        var sha256 = Sha256Of(show.StandardOutput);
        if (!show.Succeeded || sha256 is null)
            throw new BuildException($"{tool.Pin} is not in the build root's apt lists (apt-cache show found no such version): its mirror must serve the release's newer suites");
        if (!string.Equals(sha256, tool.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new BuildException($"{tool.Pin}: the build root's apt index gives SHA256 {sha256}, the pin is {tool.Sha256}; the mirror serves another file under that version");
    }

    /// <summary>The SHA256 field of an <c>apt-cache show</c> record, or null.</summary>
    internal static string? Sha256Of(string record) => record.Split('\n')
        .Where(line => line.StartsWith("SHA256: ", StringComparison.Ordinal)).Select(line => line["SHA256: ".Length..].Trim()).FirstOrDefault();
}
