using System.Text.RegularExpressions;

namespace SevStack.Build.Tests.E2E;

/// <summary>
/// Whether a run would restore its builds from the cache instead of compiling them: the keys come from the program itself
/// (<c>--print-cache-key</c> with the run's own arguments), so an entry stored under an older key counts as missing. A
/// cache without any entry of a target is answered without running the program (a fresh machine makes no build root for it).
/// </summary>
static class CachedBuilds
{
    public static async Task<bool> HoldAsync(Func<string[], Task<(int Exit, string Output)>> run, string cacheDirectory, params string[] targets)
    {
        if (!targets.All(target => Directory.Exists(Path.Combine(cacheDirectory, target)) && Directory.EnumerateDirectories(Path.Combine(cacheDirectory, target)).Any()))
            return false;
        var (exit, output) = await run([.. targets, "--print-cache-key"]);
        var keys = output.Split('\n').Select(line => Regex.Match(line.Trim(), "^(\\w+) ([0-9a-f]{64})$")).Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        return exit == 0 && targets.All(target => keys.TryGetValue(target, out var key) && Directory.Exists(Path.Combine(cacheDirectory, target, key)));
    }
}
