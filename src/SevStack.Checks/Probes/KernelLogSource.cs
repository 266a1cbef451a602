using SevStack.Toolkit.Processes;

namespace SevStack.Checks.Probes;

/// <summary>
/// Where the kernel log comes from: an explicit file, else (on the live root) the <c>dmesg</c> command, else
/// <c>/var/log/dmesg</c> under the root. Returns null with a reason when none is readable.
/// </summary>
public static class KernelLogSource
{
    public const string SavedLogPath = "/var/log/dmesg";

    public static async Task<(KernelLog? Log, string? Problem)> LoadAsync(
        string? explicitPath, HostFiles files, ICommandRunner runner, CancellationToken cancellationToken)
    {
        if (explicitPath is not null)
        {
            var full = Path.GetFullPath(explicitPath);
            if (!File.Exists(full))
                return (null, $"kernel log file {explicitPath} does not exist");
            try
            {
                return (KernelLog.Parse(explicitPath, await File.ReadAllTextAsync(full, cancellationToken)), null);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return (null, $"kernel log file {explicitPath} cannot be read: {e.Message}");
            }
        }

        string? dmesgProblem = null;
        if (files.IsLiveRoot)
        {
            try
            {
                var result = await runner.RunAsync(new CommandSpec("dmesg") { IsQuery = true, AllowFailure = true }, cancellationToken);
                if (result.Succeeded && result.StandardOutput.Length > 0)
                    return (KernelLog.Parse("dmesg", result.StandardOutput), null);
                dmesgProblem = $"dmesg failed: {FirstLine(result.StandardError)}";
            }
            catch (ToolNotFoundException)
            {
                dmesgProblem = "dmesg is not installed";
            }
        }

        var saved = files.ReadText(SavedLogPath);
        if (saved is not null)
            return (KernelLog.Parse(SavedLogPath, saved), null);
        return (null, string.Join("; ", new[] { dmesgProblem, $"{SavedLogPath} does not exist" }.OfType<string>()));
    }

    static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return line ?? "no output";
    }
}
