using System.Text.RegularExpressions;
using SevStack.Testing;

namespace SevStack.Build.Tests.E2E;

/// <summary>
/// A fresh clone (no fetched sources, no artifacts) with a warm output cache: PackageDebs and the builds it packages are
/// looked up before their dependencies, so nothing is installed, fetched or compiled.
/// </summary>
[Trait("Suite", "E2E")]
public sealed class LookUpFirstProgramTests
{
    static readonly string[] Cached = ["BuildKernel", "BuildQemu", "BuildOvmf", "PackageDebs"];
    static readonly string[] NotNeeded = ["InstallBuildDeps", "FetchKernel", "FetchQemu", "FetchOvmf"];

    [Fact]
    public async Task PackageDebs_on_a_warm_cache_installs_fetches_and_compiles_nothing()
    {
        var stack = new RealStack();
        var (chainExit, chainOutput) = await stack.Chain.Value;
        Assert.True(chainExit == 0, chainOutput);
        using var clone = new TempDirectory("sevstack-look-up-first");
        foreach (var folder in new[] { ".nuke", "patches" })
            TreeCopy.Copy(Path.Combine(SharedData.RepositoryRoot, folder), clone.Combine(folder));
        File.Copy(Path.Combine(SharedData.RepositoryRoot, "sevstack.lock.json"), clone.Combine("sevstack.lock.json"));
        foreach (var target in Cached)
            TreeCopy.Copy(Path.Combine(stack.CacheDirectory, target), clone.Combine("cache", target), leaveOut: f => f.EndsWith(".lock", StringComparison.Ordinal));

        var (exit, output) = await BuildProgram.Run(new Dictionary<string, string>(), native: true,
            "PackageDebs", "--kernel-config", "tinyconfig", "--root", clone.Path, "--cache-dir", clone.Combine("cache"), "--no-color");

        Assert.True(exit == 0, output);
        foreach (var target in Cached)
            Assert.Matches($@"^\s*{target}\s+Cached\s", SummaryRows.Row(output, target));
        foreach (var target in NotNeeded)
            Assert.Matches($@"^\s*{target}\s+Skipped\s+// not needed: .* cache hits?", SummaryRows.Row(output, target));
        var commands = output.Split('\n').Where(l => l.StartsWith("$ ", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(commands, c => Regex.IsMatch(c, @"^\$ (sudo )?(apt-get|apt|dpkg-source|make|ninja|meson|gcc (?!--version)|cc |build|tar) "));
        Assert.NotEmpty(Directory.GetFiles(clone.Combine("artifacts", "debs"), "*.deb"));
        Assert.False(Directory.Exists(clone.Combine("artifacts", "work", "src")), "a source tree was fetched");
    }
}
