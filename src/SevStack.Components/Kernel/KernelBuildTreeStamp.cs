using SevStack.Toolkit.Processes;

namespace SevStack.Components.Kernel;

/// <summary>
/// Remembers in an O= folder the make variables and environment its objects were built with. Kbuild rebuilds kernel
/// objects when their flags change, but the host tools under tools/ (objtool, which linux-headers ships) are not
/// relinked; so when the recorded build differs, everything but .config is removed first (ccache makes that cheap).
/// </summary>
public static class KernelBuildTreeStamp
{
    const string FileName = ".sevstack-build";

    /// <summary>The lines that describe a build: its variables (not the targets or -j) and its environment, ccache's aside.</summary>
    public static string Describe(IEnumerable<string> makeVariables, IReadOnlyDictionary<string, string?> environment) =>
        string.Join('\n', makeVariables
            .Concat(environment.Where(e => !e.Key.StartsWith("CCACHE_", StringComparison.Ordinal))
                .OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => $"{e.Key}={e.Value}"))) + "\n";

    /// <summary>Empties <paramref name="obj"/> but for .config when its last build was made differently; then records this one.</summary>
    public static async Task PrepareAsync(ICommandRunner runner, string obj, string description, CancellationToken cancellationToken)
    {
        var stamp = Path.Combine(obj, FileName);
        // kernel.release is written by the first build, not by configuring: a tree built before stamps existed counts as different.
        var built = File.Exists(stamp) || File.Exists(Path.Combine(obj, "include", "config", "kernel.release"));
        if (built && (!File.Exists(stamp) || File.ReadAllText(stamp) != description))
        {
            await runner.RunAsync(new CommandSpec("find", [obj, "-mindepth", "1", "-maxdepth", "1",
                "!", "-name", ".config", "-exec", "rm", "-rf", "--", "{}", "+"]), cancellationToken).ConfigureAwait(false);
        }
        if (!runner.IsDryRun)
            File.WriteAllText(stamp, description);
    }
}
