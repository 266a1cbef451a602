using SevStack.Toolkit.Processes;

namespace SevStack.Sources.Git;

/// <summary>
/// Creates a bare repository all at once: <c>git init</c> in a temporary sibling, which <paramref name="prepare"/> may
/// add to, then one rename, so an interrupted run never leaves a half-made repository at the path.
/// </summary>
internal static class BareRepository
{
    public static async Task CreateAsync(ICommandRunner runner, string path, Action<string> prepare, CancellationToken cancellationToken)
    {
        var parent = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(parent);
        var temporary = path + $".{Environment.ProcessId}.tmp";
        if (Directory.Exists(temporary))
            Directory.Delete(temporary, recursive: true);
        await runner.RunAsync(GitCommands.Plain(parent, "init", "--quiet", "--bare", temporary), cancellationToken);
        await runner.RunAsync(GitCommands.InMirror(temporary, "config", "gc.auto", "0"), cancellationToken);
        prepare(temporary);
        Directory.Move(temporary, path);
    }
}
