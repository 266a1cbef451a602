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

    /// <param name="body">Milliseconds each target body sleeps, or <c>hold</c>: wait for a <c>release</c> file.</param>
    public static Process Start(string cacheDirectory, string workDirectory, string stopAt, string body = "0")
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { DllPath(), cacheDirectory, workDirectory, stopAt, body })
            start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    /// <summary>Waits until the probe says it stopped at its point, then kills it with SIGKILL.</summary>
    public static async Task KillWhenStoppedAsync(Process probe)
    {
        await ReadUntilAsync(probe, "STOPPED AT ");
        probe.Kill();
        using var timeout = new CancellationTokenSource(Patience);
        await probe.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Reads the probe's output up to the first line that starts with <paramref name="prefix"/>; returns what it read.</summary>
    public static async Task<string> ReadUntilAsync(Process probe, string prefix)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var read = new System.Text.StringBuilder();
        string? line;
        while ((line = await probe.StandardOutput.ReadLineAsync(timeout.Token)) is not null)
        {
            read.AppendLine(line);
            if (line.StartsWith(prefix, StringComparison.Ordinal))
                return read.ToString();
        }
        throw new InvalidOperationException($"the probe ended without printing '{prefix}': {read}{await probe.StandardError.ReadToEndAsync(timeout.Token)}");
    }

    /// <summary>Waits for a probe that runs to the end; returns its exit code and (the rest of) its output.</summary>
    public static async Task<(int ExitCode, string Output)> FinishAsync(Process probe)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var output = probe.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = probe.StandardError.ReadToEndAsync(timeout.Token);
        await probe.WaitForExitAsync(timeout.Token);
        return (probe.ExitCode, await output + await error);
    }
}
