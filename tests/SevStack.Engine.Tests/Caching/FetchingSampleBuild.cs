using SevStack.Engine.Hosting;
using SevStack.Engine.Parameters;
using SevStack.Engine.Targets;

namespace SevStack.Engine.Tests.Caching;

/// <summary>
/// A build shaped like SevStack's component builds: a cacheable build that consumes a fetched source and depends on an
/// install step, and a non-cacheable packaging step after it; every body records that it ran.
/// </summary>
internal sealed class FetchingSampleBuild : BuildBase
{
    internal sealed record FetchedTree(string Identity);

    [Parameter("Source revision the lock pins")]
    public string Revision = "v1";

    public List<string> Ran { get; } = [];

    readonly TargetOutput<FetchedTree> tree = new("source tree");

    string Staging => Path.Combine(ArtifactsDirectory, "staging", "kernel");

    Target InstallDeps => _ => _
        .Description("Install build dependencies")
        .Executes(() => Record("InstallDeps"));

    Target FetchSource => _ => _
        .Description("Fetch the source")
        .Produces(tree)
        .Executes(c =>
        {
            Record("FetchSource");
            c.Produce(tree, new FetchedTree($"git {Revision}"));
        });

    Target BuildKernel => _ => _
        .Description("Build the kernel")
        .Consumes(tree)
        .DependsOn(InstallDeps)
        .Cacheable(c => c
            .Recipe("kernel-1")
            .Input("source", c => Task.FromResult<string?>(c.Get(tree).Identity))
            .Output(() => Staging))
        .Executes(() =>
        {
            Record("BuildKernel");
            Directory.CreateDirectory(Staging);
            File.WriteAllText(Path.Combine(Staging, "built"), Revision);
        });

    Target PackageDebs => _ => _
        .Description("Package")
        .DependsOn(BuildKernel)
        .Executes(() => Record("PackageDebs"));

    void Record(string name)
    {
        lock (Ran)
            Ran.Add(name);
    }
}
