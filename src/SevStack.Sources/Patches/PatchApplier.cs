using System.Text.RegularExpressions;
using SevStack.Sources.Identity;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Sources.Patches;

/// <summary>
/// Applies a series in order: <c>git apply --index</c> in git trees (atomic per patch), <c>patch -p1</c> after a
/// <c>--dry-run</c> elsewhere. A patch that does not apply stops with its name and the failing file and hunk.
/// </summary>
public sealed partial class PatchApplier(ICommandRunner runner, IBuildLog log)
{
    public Task ApplyAsync(PatchSeries series, string tree, bool isGitTree, CancellationToken cancellationToken) =>
        ApplyAsync(series, series.Patches, tree, isGitTree, cancellationToken);

    /// <summary>Applies <paramref name="patches"/>, the tail of <paramref name="series"/> the tree does not have yet.</summary>
    public async Task ApplyAsync(PatchSeries series, IEnumerable<PatchFile> patches, string tree, bool isGitTree, CancellationToken cancellationToken)
    {
        foreach (var patch in patches)
        {
            log.Info($"patch: applying {patch.Name}");
            if (isGitTree)
                await ApplyWithGitAsync(series, patch, tree, cancellationToken);
            else
                await ApplyWithPatchAsync(series, patch, tree, cancellationToken);
        }
    }

    async Task ApplyWithGitAsync(PatchSeries series, PatchFile patch, string tree, CancellationToken cancellationToken)
    {
        var spec = Git.GitCommands.InWorkTree(tree, "apply", "--index", "-p1", "--whitespace=nowarn", patch.FullPath) with { AllowFailure = true };
        var result = await runner.RunAsync(spec, cancellationToken);
        if (!result.Succeeded)
            throw Failure(series, patch, tree, DescribeGitApplyError(result.StandardError));
    }

    async Task ApplyWithPatchAsync(PatchSeries series, PatchFile patch, string tree, CancellationToken cancellationToken)
    {
        string[] common = ["-p1", "--forward", "--batch", "--no-backup-if-mismatch", "--input", patch.FullPath];
        var check = await runner.RunAsync(new CommandSpec("patch", ["--dry-run", .. common]) { WorkingDirectory = tree, AllowFailure = true, IsQuery = true, Environment = CLocale }, cancellationToken);
        if (!check.Succeeded)
            throw Failure(series, patch, tree, DescribePatchError(check.StandardOutput + check.StandardError));
        await runner.RunAsync(new CommandSpec("patch", common) { WorkingDirectory = tree, Environment = CLocale }, cancellationToken);
    }

    /// <summary>
    /// Takes <paramref name="patch"/> (applied earlier, read from <paramref name="copy"/>) out of a plain tree with
    /// <c>patch -R</c> after a <c>--dry-run</c>; false, with the tree unchanged, when it does not reverse cleanly.
    /// </summary>
    public async Task<bool> ReverseAsync(PatchIdentity patch, string copy, string tree, CancellationToken cancellationToken)
    {
        log.Info($"patch: reversing {patch.Name}");
        // --forward with -R refuses a patch that looks already reversed instead of applying it forwards.
        string[] common = ["-R", "-p1", "--forward", "--batch", "--no-backup-if-mismatch", "--input", copy];
        var check = await runner.RunAsync(new CommandSpec("patch", ["--dry-run", .. common]) { WorkingDirectory = tree, AllowFailure = true, IsQuery = true, Environment = CLocale }, cancellationToken);
        if (!check.Succeeded)
        {
            log.Warning($"patch: {patch.Name} does not reverse cleanly in {tree}: {DescribePatchError(check.StandardOutput + check.StandardError)}");
            return false;
        }
        await runner.RunAsync(new CommandSpec("patch", common) { WorkingDirectory = tree, Environment = CLocale }, cancellationToken);
        return true;
    }

    static readonly Dictionary<string, string?> CLocale = new() { ["LC_ALL"] = "C" };

    static BuildException Failure(PatchSeries series, PatchFile patch, string tree, string detail) =>
        new($"patch '{patch.Name}' ({series.SeriesPath} line {patch.SeriesLine}) does not apply to {tree}: {detail}; refresh the patch for this source version or remove it from the series");

    /// <summary>Turns git apply's stderr ("error: patch failed: Makefile:12", "error: x: No such file") into "Makefile, hunk at line 12".</summary>
    internal static string DescribeGitApplyError(string stderr)
    {
        var failed = GitHunkFailed().Match(stderr);
        if (failed.Success)
            return $"{failed.Groups[1].Value}, hunk at line {failed.Groups[2].Value} failed";
        var other = GitError().Match(stderr);
        return other.Success ? other.Groups[1].Value.Trim() : "git apply failed without a message";
    }

    /// <summary>Finds the first "Hunk #N FAILED at L" of patch's output and the file it belongs to.</summary>
    internal static string DescribePatchError(string output)
    {
        string? file = null;
        foreach (var line in output.Split('\n'))
        {
            var patching = PatchingFile().Match(line);
            if (patching.Success)
                file = patching.Groups[1].Value.Trim().Trim('\'');
            var hunk = PatchHunkFailed().Match(line);
            if (hunk.Success)
                return $"{file ?? "a file"}, hunk #{hunk.Groups[1].Value} at line {hunk.Groups[2].Value} failed";
            var missing = PatchMissingFile().Match(line);
            if (missing.Success)
                return missing.Groups[1].Success ? $"{missing.Groups[1].Value.Trim()} does not exist" : "a file the patch changes does not exist";
        }
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return last ?? "patch failed without a message";
    }

    [GeneratedRegex(@"error: patch failed: (.+):(\d+)")]
    private static partial Regex GitHunkFailed();

    [GeneratedRegex(@"error: (.+)")]
    private static partial Regex GitError();

    [GeneratedRegex(@"^(?:checking|patching) file (.+)$")]
    private static partial Regex PatchingFile();

    [GeneratedRegex(@"Hunk #(\d+) FAILED at (\d+)")]
    private static partial Regex PatchHunkFailed();

    [GeneratedRegex(@"can't find file to patch.*|No file to patch.*|^(.+): No such file or directory")]
    private static partial Regex PatchMissingFile();
}
