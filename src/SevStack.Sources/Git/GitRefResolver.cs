using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Sources.Git;

/// <summary>Turns a tag, branch or SHA into a full commit SHA.</summary>
public interface IRefResolver
{
    Task<string> ResolveAsync(string url, string reference, CancellationToken cancellationToken = default);
}

/// <summary>Resolves refs with <c>git ls-remote</c> (a query: it runs in dry runs too). Annotated tags resolve to their commit.</summary>
public sealed class LsRemoteRefResolver(ICommandRunner runner) : IRefResolver
{
    public async Task<string> ResolveAsync(string url, string reference, CancellationToken cancellationToken = default)
    {
        if (GitSha.IsFull(reference))
            return reference;
        var spec = GitCommands.Plain(Path.GetTempPath(), "ls-remote", url, reference, $"{reference}^{{}}") with { IsQuery = true, AllowFailure = true };
        var result = await runner.RunAsync(spec, cancellationToken);
        if (!result.Succeeded)
            throw new BuildException($"git ls-remote {url} failed (exit {result.ExitCode}): {FirstLine(result.StandardError)}; check the URL and your network");
        var refs = ParseLsRemote(result.StandardOutput);
        var candidates = reference.StartsWith("refs/", StringComparison.Ordinal)
            ? new[] { reference + "^{}", reference }
            : [$"refs/tags/{reference}^{{}}", $"refs/tags/{reference}", $"refs/heads/{reference}"];
        foreach (var candidate in candidates)
            if (refs.TryGetValue(candidate, out var sha))
                return sha;
        throw new BuildException(GitSha.LooksAbbreviated(reference)
            ? $"'{reference}' is not a tag or branch of {url}; give a commit as its full 40-character SHA"
            : $"{url} has no tag or branch named '{reference}'; check the ref (git ls-remote {url})");
    }

    internal static Dictionary<string, string> ParseLsRemote(string output)
    {
        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('\t');
            if (parts.Length == 2 && GitSha.IsFull(parts[0]))
                refs[parts[1]] = parts[0];
        }
        return refs;
    }

    static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no output";
}
