using System.Diagnostics;
using SevStack.Testing;

namespace SevStack.Engine.Tests.Caching;

/// <summary>Runs tests/SevStack.Engine.CacheProbe (built with this project) as a real child process.</summary>
internal static class CacheProbe
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    static string DllPath()
    {
        var outputFolder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (outputFolder.Name, outputFolder.Parent!.Name);
        return Path.Combine(SharedData.RepositoryRoot, "tests", "SevStack.Engine.CacheProbe", "bin", configuration, framework, "SevStack.Engine.CacheProbe.dll");
    }

    public static Process Start(string cacheDirectory, string workDirectory, string stopAt, int bodyDelayMilliseconds = 0)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { DllPath(), cacheDirectory, workDirectory, stopAt, bodyDelayMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    /// <summary>Waits until the probe says it stopped at its point, then kills it with SIGKILL.</summary>
    public static async Task KillWhenStoppedAsync(Process probe)
    {
        using var timeout = new CancellationTokenSource(Patience);
        string? line;
        while ((line = await probe.StandardOutput.ReadLineAsync(timeout.Token)) is not null)
            if (line.StartsWith("STOPPED AT ", StringComparison.Ordinal))
            {
                probe.Kill();
                await probe.WaitForExitAsync(timeout.Token);
                return;
            }
        throw new InvalidOperationException("the probe ended without reaching its stop point: " + await probe.StandardError.ReadToEndAsync(timeout.Token));
    }

    /// <summary>Waits for a probe that runs to the end; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> FinishAsync(Process probe)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var output = probe.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = probe.StandardError.ReadToEndAsync(timeout.Token);
        await probe.WaitForExitAsync(timeout.Token);
        return (probe.ExitCode, await output + await error);
    }
}
