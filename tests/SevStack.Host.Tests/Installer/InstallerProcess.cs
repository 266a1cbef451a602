using System.Diagnostics;

namespace SevStack.Host.Tests.Installer;

/// <summary>Runs the installer script with sh on this machine (or a checker on it), keeping its exit code and its output (stderr, then stdout).</summary>
static class InstallerProcess
{
    public static (int ExitCode, string Output) Run(string script, params string[] arguments) => Run(script, arguments, throughShell: true);

    /// <param name="throughShell">Run <paramref name="program"/> as a script with sh, else as a program.</param>
    public static (int ExitCode, string Output) Run(string program, string[] arguments, bool throughShell)
    {
        var start = new ProcessStartInfo(throughShell ? "sh" : program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (throughShell) start.ArgumentList.Add(program);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stderr + stdout.Result);
    }
}
