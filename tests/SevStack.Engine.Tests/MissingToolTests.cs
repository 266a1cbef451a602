using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Engine.Tests;

public sealed class MissingToolTests
{
    [Fact]
    public async Task A_command_whose_program_is_not_on_path_fails_with_one_line_naming_it()
    {
        var runner = new CliWrapCommandRunner(new MemoryBuildLog(), new Privilege(IsRoot: true));

        var error = await Assert.ThrowsAsync<ToolNotFoundException>(() => runner.RunAsync(new CommandSpec("sevstack-no-such-tool", "--version")));

        Assert.Equal("'sevstack-no-such-tool' was not found on PATH: install it, or put it on PATH", error.Message);
    }

    [Theory]
    [InlineData("virt-xml-validate", "libvirt-clients")]
    [InlineData("qemu-img", "qemu-utils")]
    [InlineData("xorriso", "xorriso")]
    [InlineData("iasl", "acpica-tools")]
    public void A_missing_tool_names_the_debian_package_that_provides_it(string tool, string package)
    {
        using var emptyPath = new TempDirectory("sevstack-path");

        var error = Assert.Throws<ToolNotFoundException>(() => ProgramPath.Require(tool, emptyPath.Path));

        Assert.Equal($"'{tool}' was not found on PATH: install the Debian package {package} (apt-get install {package})", error.Message);
    }

    [Fact]
    public async Task A_program_given_by_a_path_that_does_not_exist_is_named_with_its_package()
    {
        var runner = new CliWrapCommandRunner(new MemoryBuildLog(), new Privilege(IsRoot: true));

        var error = await Assert.ThrowsAsync<ToolNotFoundException>(() => runner.RunAsync(new CommandSpec("/nonexistent/bin/qemu-img", "info")));

        Assert.Equal("'/nonexistent/bin/qemu-img' does not exist or is not executable: install the Debian package qemu-utils (apt-get install qemu-utils)", error.Message);
    }

    [Fact]
    public async Task A_program_that_is_there_but_cannot_start_says_why_on_one_line()
    {
        using var folder = new TempDirectory("sevstack-nostart");
        var runner = new CliWrapCommandRunner(new MemoryBuildLog(), new Privilege(IsRoot: true));

        var error = await Assert.ThrowsAsync<ToolNotFoundException>(() => runner.RunAsync(new CommandSpec("sh", "-c", "true") { WorkingDirectory = folder.Combine("missing") }));

        Assert.StartsWith("'sh' could not be started: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_present_tool_is_found_with_its_full_path()
    {
        Assert.Equal("/usr/bin/env", ProgramPath.Require("env", "/nonexistent:/usr/bin"));
    }
}
