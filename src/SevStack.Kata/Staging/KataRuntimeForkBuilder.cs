using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Sources;

namespace SevStack.Kata.Staging;

/// <summary>
/// Builds the 1.x SEV runtime fork as its Makefile expects (a GOPATH layout, GO111MODULE off, as the seed's
/// <c>go get</c> did) and stages its binaries below opt/kata/bin, where a single sevstack-kata package ships them.
/// </summary>
public sealed class KataRuntimeForkBuilder(ICommandRunner runner, IBuildLog log)
{
    /// <summary>What <c>make</c> leaves at the top of the runtime tree; the first one is required.</summary>
    public static readonly IReadOnlyList<string> Binaries = ["kata-runtime", "containerd-shim-kata-v2"];

    /// <summary>The Debian packages building <paramref name="sourceTree"/> needs: make, and Go when the tree has Go code.</summary>
    public static IReadOnlyList<string> RequiredPackages(string sourceTree) =>
        Directory.EnumerateFiles(sourceTree, "*.go", SearchOption.AllDirectories).Any() ? ["make", "golang-go"] : ["make"];

    /// <param name="buildDirectory">Holds the GOPATH copy of the tree and Go's build cache.</param>
    /// <param name="stagingRoot">Replaced by a tree with the binaries in opt/kata/bin.</param>
    /// <returns>The staging, or null in a dry run.</returns>
    public async Task<KataStaging?> BuildAsync(FetchedSource source, string buildDirectory, string stagingRoot, int jobs, CancellationToken cancellationToken = default)
    {
        var gopath = Path.Combine(Path.GetFullPath(buildDirectory), "gopath");
        var tree = Path.Combine(gopath, "src", KataRuntimeFork.ImportPath);
        var make = new CommandSpec("make", "-C", tree, $"-j{Math.Max(1, jobs)}", "SKIP_GO_VERSION_CHECK=1")
        {
            Environment = new Dictionary<string, string?>
            {
                ["GOPATH"] = gopath,
                ["GO111MODULE"] = "off",
                ["GOCACHE"] = Path.Combine(Path.GetFullPath(buildDirectory), "go-cache"),
                // The copy lies inside SevStack's own git checkout; stamping that repository's state would be wrong.
                ["GOFLAGS"] = "-buildvcs=false",
            },
        };
        if (runner.IsDryRun)
        {
            log.Info($"would copy {source.Path} to {tree}, run `{make.Describe()}` and stage {string.Join(", ", Binaries)} in {stagingRoot}/opt/kata/bin");
            return null;
        }

        if (Directory.Exists(gopath))
            Directory.Delete(gopath, recursive: true);
        Directory.CreateDirectory(Path.GetDirectoryName(tree)!);
        await runner.RunAsync(new CommandSpec("cp", "-a", "--no-target-directory", source.Path, tree), cancellationToken);
        await runner.RunAsync(make, cancellationToken);
        return Stage(source, tree, stagingRoot);
    }

    KataStaging Stage(FetchedSource source, string tree, string stagingRoot)
    {
        if (!File.Exists(Path.Combine(tree, Binaries[0])))
            throw new BuildException($"make in {tree} finished but left no {Binaries[0]} there; check that {KataRuntimeFork.ParameterFlag} names the SEV runtime fork (the kata-containers/runtime 1.x tree), not another repository");
        if (Directory.Exists(stagingRoot))
            Directory.Delete(stagingRoot, recursive: true);
        var staging = new KataStaging(Path.GetFullPath(stagingRoot), VersionOf(tree, source), KataGeneration.V1, source.Identity);
        var bin = Path.Combine(staging.PrefixFolder, "bin");
        Directory.CreateDirectory(bin);
        foreach (var name in Binaries.Where(b => File.Exists(Path.Combine(tree, b))))
        {
            var target = Path.Combine(bin, name);
            File.Copy(Path.Combine(tree, name), target);
            File.SetUnixFileMode(target, (UnixFileMode)0b111_101_101);
            log.Info($"staged {target}");
        }
        return staging;
    }

    /// <summary>The tree's VERSION file (1.x runtimes carry one), else a snapshot version from the commit.</summary>
    static string VersionOf(string tree, FetchedSource source)
    {
        var file = Path.Combine(tree, "VERSION");
        if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } text && char.IsAsciiDigit(text[0]) && !text.Any(char.IsWhiteSpace))
            return text;
        var date = source.Identity.SourceDate ?? DateTimeOffset.UnixEpoch;
        return $"0~{date:yyyyMMdd}.{source.Identity.Resolved[..Math.Min(8, source.Identity.Resolved.Length)]}";
    }
}
