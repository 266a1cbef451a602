using System.Diagnostics;
using SevStack.Toolkit.Processes;

namespace SevStack.Engine.Tests;

public class CommandSpecTests
{
    [Fact]
    public void The_logged_line_runs_in_a_shell_as_the_command_did_with_variables_set_and_removed()
    {
        var spec = new CommandSpec("sh", "-c", "echo \"$GREETING ${HOME:-no home}\"")
        {
            Environment = new Dictionary<string, string?> { ["GREETING"] = "hello world", ["HOME"] = null },
        };

        var line = spec.Describe();

        Assert.Equal("env -u HOME GREETING='hello world' sh -c 'echo \"$GREETING ${HOME:-no home}\"'", line);
        using var shell = Process.Start(new ProcessStartInfo("bash", ["-c", line]) { RedirectStandardOutput = true })!;
        var output = shell.StandardOutput.ReadToEnd();
        shell.WaitForExit();
        Assert.Equal("hello world no home\n", output);
    }
}
