using SevStack.Toolkit.Processes;
using SevStack.Launch.Qemu;
using SevStack.Testing;

namespace SevStack.Launch.Tests.Qemu;

/// <summary>The packaged launcher, rendered for a prefix into a temporary folder, run with bash.</summary>
sealed class LauncherScriptRun : IDisposable
{
    static readonly CliWrapCommandRunner Runner = new(new MemoryBuildLog(), Privilege.Detect());
    readonly TempDirectory directory = new("sevstack-launcher");

    public LauncherScriptRun(string prefix = "/opt/sevstack") =>
        Path = LauncherScript.Stage(directory.Path, prefix);

    public string Path { get; }

    public Task<CommandResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken = default) =>
        Runner.RunAsync(new CommandSpec("bash", [Path, .. arguments]) { AllowFailure = true }, cancellationToken);

    /// <summary>The words of the printed command line as bash reads them back (the <c># notes</c> are comments).</summary>
    public static async Task<IReadOnlyList<string>> WordsAsync(string printed)
    {
        var words = await Runner.RunAsync(new CommandSpec("bash", "-c", "eval \"set -- $1\"; printf '%s\\0' \"$@\"", "words", printed) { IsQuery = true });
        // The runner ends captured output with a newline.
        return words.StandardOutput.TrimEnd('\n').TrimEnd('\0').Split('\0');
    }

    /// <summary>The printed command without the notes that follow it.</summary>
    public static string CommandPart(string printed) =>
        string.Concat(printed.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#')).Select(line => line + "\n"));

    public void Dispose() => directory.Dispose();
}
