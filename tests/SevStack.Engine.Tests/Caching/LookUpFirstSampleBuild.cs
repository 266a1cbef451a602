using SevStack.Engine.Hosting;
using SevStack.Engine.Parameters;
using SevStack.Engine.Targets;

namespace SevStack.Engine.Tests.Caching;

/// <summary>
/// Component builds that look up first: BuildKernel's key comes from a pinned revision (as a lock pins a source), so it
/// needs neither the fetch nor the install; BuildQemu's reads the fetched tree, so it cannot be looked up before them.
/// </summary>
internal sealed class LookUpFirstSampleBuild : BuildBase
{
    internal sealed record FetchedTree(string Revision);

    [Parameter("Source revision the lock pins")]
    public string Revision = "v1";

    public List<string> Ran { get; } = [];

    readonly TargetOutput<FetchedTree> tree = new("source tree");

    string Staging(string component) => Path.Combine(ArtifactsDirectory, "staging", component);

    Target InstallDeps => _ => _
        .Description("Install build dependencies")
        .Executes(() =>
        {
            Record("InstallDeps");
            Directory.CreateDirectory(ArtifactsDirectory);
            File.WriteAllText(ToolMarker, "cc 2.0\n");
        });

    /// <summary>What InstallDeps installs: the tool version BuildKernel's key includes ("none" before the install).</summary>
    string ToolMarker => Path.Combine(ArtifactsDirectory, "installed-cc");

    Target FetchSource => _ => _
        .Description("Fetch the source")
        .Produces(tree)
        .Executes(c =>
        {
            Record("FetchSource");
            c.Produce(tree, new FetchedTree(Revision));
        });

    Target BuildKernel => _ => _
        .Description("Build the kernel")
        .Consumes(tree)
        .DependsOn(InstallDeps)
        .Cacheable(c => c.Recipe("kernel-1").Input("source", () => Revision).Input("cc", () => File.Exists(ToolMarker) ? File.ReadAllText(ToolMarker).Trim() : "none").Output(() => Staging("kernel")).LookUpFirst())
        .Executes(c => Build(c, "BuildKernel", "kernel"));

    Target BuildQemu => _ => _
        .Description("Build QEMU")
        .Consumes(tree)
        .DependsOn(InstallDeps)
        .Cacheable(c => c.Recipe("qemu-1").Input("source", c => Task.FromResult<string?>(c.Get(tree).Revision)).Output(() => Staging("qemu")).LookUpFirst())
        .Executes(c => Build(c, "BuildQemu", "qemu"));

    Target Bundle => _ => _
        .Description("Bundle the kernel (cacheable, as PackageDebs)")
        .Consumes(tree)
        .Cacheable(c => c.Recipe("bundle-1").Upstream(BuildKernel).Output(() => Staging("bundle")).LookUpFirst())
        .Executes(c => Build(c, "Bundle", "bundle"));

    Target Package => _ => _
        .Description("Package")
        .DependsOn(BuildKernel)
        .Executes(() => Record("Package"));

    void Build(TargetContext context, string name, string component)
    {
        Record(name);
        Directory.CreateDirectory(Staging(component));
        File.WriteAllText(Path.Combine(Staging(component), "built"), context.Get(tree).Revision);
    }

    void Record(string name)
    {
        lock (Ran)
            Ran.Add(name);
    }
}
