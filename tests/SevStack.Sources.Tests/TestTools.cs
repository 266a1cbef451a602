using SevStack.Toolkit.Processes;

namespace SevStack.Sources.Tests;

/// <summary>Real command runners and a git helper for building fixture repositories.</summary>
internal static class TestTools
{
    public static CliWrapCommandRunner Runner(IBuildLog? log = null) => new(log ?? new MemoryBuildLog(), Privilege.Detect());

    static readonly Dictionary<string, string?> FixedIdentity = new()
    {
        ["GIT_AUTHOR_NAME"] = "Test", ["GIT_AUTHOR_EMAIL"] = "test@example.invalid",
        ["GIT_COMMITTER_NAME"] = "Test", ["GIT_COMMITTER_EMAIL"] = "test@example.invalid",
        ["GIT_AUTHOR_DATE"] = "@1700000000 +0000", ["GIT_COMMITTER_DATE"] = "@1700000000 +0000",
        ["GIT_CONFIG_NOSYSTEM"] = "1", ["LC_ALL"] = "C",
    };

    /// <summary>Runs git in <paramref name="folder"/> with a fixed author and date; returns trimmed stdout.</summary>
    public static async Task<string> RunGit(string folder, params string[] arguments)
    {
        Directory.CreateDirectory(folder);
        var result = await Runner().RunAsync(new CommandSpec("git", ["-c", "init.defaultBranch=main", "-c", "protocol.file.allow=always", .. arguments]) { WorkingDirectory = folder, Environment = FixedIdentity });
        return result.StandardOutput.Trim();
    }

    /// <summary>Writes a file and commits it; returns the new commit SHA.</summary>
    public static async Task<string> Commit(string repository, string file, string content, string message)
    {
        var path = Path.Combine(repository, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, content);
        await RunGit(repository, "add", "--all");
        await RunGit(repository, "commit", "--quiet", "-m", message);
        return await RunGit(repository, "rev-parse", "HEAD");
    }

    public static async Task<string> NewRepository(string path)
    {
        await RunGit(Path.GetDirectoryName(path)!, "init", "--quiet", path);
        return path;
    }

    public static string FileUrl(string path) => "file://" + path;
}
