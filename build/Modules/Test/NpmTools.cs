using System.Text.Json;
using SevStack.Toolkit.Processes;

namespace SevStack.Build.Modules.Test;

/// <summary>
/// The npm tools the tests run (tests/*/npm-packages.txt, one <c>name@version</c> a line), installed with Debian's npm into
/// <c>artifacts/tools</c> of this clone, never globally; a tool already there at its version is not installed again.
/// Debian's npm is installed only where no npm is on PATH (a NodeSource nodejs ships its own and conflicts with it).
/// </summary>
public sealed class NpmTools(ICommandRunner runner, string root)
{
    public const string FileName = "npm-packages.txt";

    public string Prefix => Path.Combine(root, "artifacts", "tools");

    public IReadOnlyList<string> Required() =>
        Directory.GetFiles(Path.Combine(root, "tests"), FileName, SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .SelectMany(File.ReadAllLines)
            .Select(l => l.Split('#', 2)[0].Trim())
            .Where(l => l.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Installs the packages whose wanted version is not in <see cref="Prefix"/>; returns them.</summary>
    public async Task<IReadOnlyList<string>> InstallMissingAsync(CancellationToken cancellationToken)
    {
        var missing = Required().Where(p => !IsInstalled(p)).ToList();
        if (missing.Count == 0)
            return missing;
        if (!OnPath("npm"))
            await new BuildDependencyInstaller(runner).InstallMissingAsync(["npm"], cancellationToken);
        await runner.RunAsync(new CommandSpec("npm", ["install", "--prefix", Prefix, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", .. missing]), cancellationToken);
        return missing;
    }

    static bool OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, command)));

    bool IsInstalled(string spec)
    {
        var at = spec.LastIndexOf('@');
        var (name, version) = at > 0 ? (spec[..at], spec[(at + 1)..]) : (spec, null);
        var manifest = Path.Combine(Prefix, "node_modules", name, "package.json");
        if (!File.Exists(manifest))
            return false;
        using var document = JsonDocument.Parse(File.ReadAllText(manifest));
        return version is null || (document.RootElement.TryGetProperty("version", out var installed) && installed.GetString() == version);
    }
}
