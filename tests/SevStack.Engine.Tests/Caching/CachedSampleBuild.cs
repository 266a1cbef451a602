using SevStack.Engine.Hosting;
using SevStack.Engine.Parameters;
using SevStack.Engine.Targets;

namespace SevStack.Engine.Tests.Caching;

/// <summary>A build with cacheable targets, run through the real host for the cache options.</summary>
internal sealed class CachedSampleBuild : BuildBase
{
    [Parameter("Kernel flavour")]
    public string KernelFlavour = "host";

    [Parameter("QEMU configure flags")]
    public string QemuFlags = "--target-list=x86_64-softmmu";

    public List<string> Ran { get; } = [];

    string Staging(string component) => Path.Combine(ArtifactsDirectory, "staging", component);

    Target BuildKernel => _ => _
        .Description("Build the kernel")
        .Cacheable(c => c
            .Recipe("kernel-1")
            .Input("flavour", () => KernelFlavour)
            .Tool("cc", "echo", "cc (fixture) 1.0")
            .Output(() => Staging("kernel")))
        .Executes(() => Produce("BuildKernel", Staging("kernel")));

    Target BuildQemu => _ => _
        .Description("Build QEMU")
        .Cacheable(c => c
            .Recipe("qemu-1")
            .Input("configure-flags", () => QemuFlags)
            .Tool("cc", "echo", "cc (fixture) 1.0")
            .Upstream(BuildKernel)
            .Output(() => Staging("qemu")))
        .Executes(() => Produce("BuildQemu", Staging("qemu")));

    Target PackageDebs => _ => _
        .Description("Package")
        .DependsOn(BuildQemu)
        .Executes(() => Ran.Add("PackageDebs"));

    void Produce(string name, string folder)
    {
        Ran.Add(name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "built"), $"{name} {KernelFlavour} {QemuFlags}\n");
    }
}
