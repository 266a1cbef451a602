using SevStack.Toolkit.Processes;

namespace SevStack.Sources.Git;

/// <summary>
/// Builds git command lines that can only act on the repository they name: bare mirrors get an explicit
/// <c>--git-dir</c>, work trees run in their own folder with the parent as a ceiling, so a missing
/// <c>.git</c> fails instead of silently using an enclosing repository.
/// </summary>
internal static class GitCommands
{
    static readonly Dictionary<string, string?> QuietEnvironment = new()
    {
        ["GIT_TERMINAL_PROMPT"] = "0",
        ["LC_ALL"] = "C",
        ["GIT_ASKPASS"] = null,
    };

    /// <summary>A git command with no repository (ls-remote, init).</summary>
    public static CommandSpec Plain(string workingDirectory, params string[] arguments) =>
        new("git", arguments) { WorkingDirectory = workingDirectory, Environment = QuietEnvironment };

    public static CommandSpec InMirror(string mirror, params string[] arguments) =>
        new("git", ["--git-dir=" + mirror, .. arguments]) { WorkingDirectory = mirror, Environment = QuietEnvironment };

    public static CommandSpec InWorkTree(string workTree, params string[] arguments)
    {
        if (!Path.Exists(Path.Combine(workTree, ".git")))
            throw new InvalidOperationException($"{workTree} is not a git work tree; refusing to run git there");
        var environment = new Dictionary<string, string?>(QuietEnvironment)
        {
            ["GIT_CEILING_DIRECTORIES"] = Path.GetDirectoryName(Path.GetFullPath(workTree).TrimEnd('/')),
            ["GIT_DIR"] = null,
            ["GIT_WORK_TREE"] = null,
        };
        return new CommandSpec("git", ["-C", workTree, .. arguments]) { WorkingDirectory = workTree, Environment = environment };
    }
}
