using System.Diagnostics;

namespace SevStack.Host.Tests.Support;

/// <summary>Runs test set-up commands (tar, dpkg-deb, mount); a failure fails the test with the output.</summary>
static class Shell
{
    public static string Run(string program, params string[] arguments) => RunIn(null, program, arguments);

    public static string RunIn(string? workingDirectory, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr}");
        return stdout.Result;
    }
}
