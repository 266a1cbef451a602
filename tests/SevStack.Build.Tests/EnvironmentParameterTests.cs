using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>Only SEVSTACK_&lt;NAME&gt; variables set parameters and options: SYSROOT, JOBS and the like belong to other tools.</summary>
public class EnvironmentParameterTests
{
    static string ValueLine(string help, string flag)
    {
        var lines = help.Split('\n');
        var at = Array.FindIndex(lines, l => l.StartsWith("  " + flag + " ", StringComparison.Ordinal));
        Assert.True(at >= 0, help);
        return lines.Skip(at + 1).First(l => l.StartsWith("      = ", StringComparison.Ordinal)).Trim();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Unprefixed_variables_never_set_a_parameter_and_SEVSTACK_ones_do(bool native)
    {
        using var root = new TempDirectory("sevstack-env");
        var unprefixed = new Dictionary<string, string> { ["SYSROOT"] = "/x", ["JOBS"] = "1", ["RUNTIME_NAME"] = "evil name", ["PRINT"] = "true" };

        var (exit, help) = await BuildProgram.RunIsolated(root, unprefixed, native, "--help");

        Assert.True(exit == 0, help);
        Assert.Equal("= /   [default]", ValueLine(help, "--sysroot"));
        Assert.Equal("= kata-sev   [default]", ValueLine(help, "--runtime-name"));
        Assert.Equal("= false   [default]", ValueLine(help, "--print"));

        var prefixed = new Dictionary<string, string> { ["SYSROOT"] = "/x", ["SEVSTACK_SYSROOT"] = "/y", ["SEVSTACK_RUNTIME_NAME"] = "sev-runtime" };
        (exit, help) = await BuildProgram.RunIsolated(root, prefixed, native, "--help");

        Assert.True(exit == 0, help);
        Assert.Equal("= /y   [environment SEVSTACK_SYSROOT]", ValueLine(help, "--sysroot"));
        Assert.Equal("= sev-runtime   [environment SEVSTACK_RUNTIME_NAME]", ValueLine(help, "--runtime-name"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SEVSTACK_PARALLEL_is_read_and_checked(bool native)
    {
        using var root = new TempDirectory("sevstack-env");

        var (exit, output) = await BuildProgram.RunIsolated(root, new Dictionary<string, string> { ["SEVSTACK_PARALLEL"] = "0" }, native, "--plan", "CleanCache");

        Assert.Equal(2, exit);
        Assert.Equal("error: Invalid value for --parallel (from environment variable SEVSTACK_PARALLEL): it expects a whole number from 1 to 1024", output.Trim());

        (exit, output) = await BuildProgram.RunIsolated(root, new Dictionary<string, string> { ["SEVSTACK_RUNTIME_NAME"] = "kata\nExecStartPre=/bin/sh" }, native, "CleanCache");

        Assert.Equal(2, exit);
        Assert.Equal("error: Invalid value for --runtime-name (from environment variable SEVSTACK_RUNTIME_NAME): it contains a control character (a newline or tab): give the value on one line", output.Trim());
        Assert.False(Directory.Exists(root.Combine("artifacts")));
    }
}
