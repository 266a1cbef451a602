using SevStack.Toolkit.Processes;

namespace SevStack.Packaging.Tests;

/// <summary>The real command runner the tests use, and a shorthand for reading a tool's output.</summary>
static class Tools
{
    public static CliWrapCommandRunner Runner() => new(new MemoryBuildLog(), Privilege.Detect());

    public static async Task<CommandResult> Run(string program, params string[] arguments) =>
        await Runner().RunAsync(new CommandSpec(program, arguments) { AllowFailure = true });

    public static async Task<string> Output(string program, params string[] arguments)
    {
        var result = await Runner().RunAsync(new CommandSpec(program, arguments));
        return result.StandardOutput;
    }
}
