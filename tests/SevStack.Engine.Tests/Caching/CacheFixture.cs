using System.Collections.Concurrent;
using SevStack.Engine.Caching;
using SevStack.Engine.Execution;
using SevStack.Engine.Planning;
using SevStack.Engine.Targets;
using SevStack.Testing;

namespace SevStack.Engine.Tests.Caching;

/// <summary>
/// A small stack of cacheable targets over files in a temp folder: BuildKernel (source, ordered patches, resolved
/// config, a flavour parameter, the "cc" tool), BuildQemu (source, the "ninja" tool) and PackageDebs (upstream of both).
/// Each run is a fresh invocation (new collection, new <see cref="BuildCache"/>) against the same cache folder.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class CacheFixture : IDisposable
{
    readonly TempDirectory temp = new("sevstack-cache");

    /// <param name="cacheDirectory">Another fixture's cache, as a second clone on the same machine would share it.</param>
    public CacheFixture(string? cacheDirectory = null)
    {
        CacheDirectory = cacheDirectory ?? temp.Combine("cache");
        KernelSource = Write("src/linux.tar", "linux 6.12");
        Patches = [Write("patches/0001-sev.patch", "+sev\r\n"), Write("patches/0002-snp.patch", "+snp\n")];
        KernelConfig = Write("src/.config", "CONFIG_AMD_MEM_ENCRYPT=y\n");
        CcVersion = Write("tools/cc", "cc (Debian 14.2.0) 14.2.0\nCopyright\n");
        NinjaVersion = Write("tools/ninja", "1.12.1\n");
        QemuSource = "qemu 9.2.0 @ 0123abcd";
    }

    public string CacheDirectory { get; }
    public string Output(params string[] parts) => temp.Combine(["out", .. parts]);

    public string KernelSource { get; }
    public List<string> Patches { get; set; }
    public string KernelConfig { get; }
    public string CcVersion { get; }
    public string NinjaVersion { get; }
    public string QemuSource { get; set; }
    public string Flavour { get; set; } = "host";
    /// <summary>The remote cache each run consults and writes (null: none).</summary>
    public Engine.Caching.Remote.RemoteCacheSettings? Remote { get; set; }
    /// <summary>Every body waits for this before it writes its outputs.</summary>
    public Task BodyGate { get; set; } = Task.CompletedTask;

    /// <summary>The target bodies that ran in the last <see cref="RunAsync"/>, in order.</summary>
    public ConcurrentQueue<string> Ran { get; private set; } = new();

    /// <summary>Every target body that ran since the fixture was made (across concurrent runs too).</summary>
    public ConcurrentQueue<string> AllRuns { get; } = new();

    public string Write(string relativePath, string content) => temp.WriteFile(relativePath, content);

    public TargetCollection Targets() => TargetCollection.Create(
    [
        ("BuildKernel", d => d
            .Cacheable(c => c
                .Recipe("kernel-1")
                .InputFile("source", () => KernelSource)
                .InputFiles("patches", () => Patches)
                .InputFile("config", () => KernelConfig)
                .Input("flavour", () => Flavour)
                .Tool("cc", "cat", CcVersion)
                .Output(Output("kernel")))
            .Executes(() => Body("BuildKernel", Output("kernel")))),
        ("BuildQemu", d => d
            .Cacheable(c => c
                .Input("source", () => QemuSource)
                .Tool("ninja", "cat", NinjaVersion)
                .Output(Output("qemu")))
            .Executes(() => Body("BuildQemu", Output("qemu")))),
        ("PackageDebs", d => d
            .Cacheable(c => c.Upstream("BuildKernel", "BuildQemu").Output(Output("debs", "stack.deb")))
            .Executes(async () =>
            {
                await Body("PackageDebs", Output("debs"));
                File.WriteAllText(Output("debs", "stack.deb"), File.ReadAllText(Output("kernel", "image")) + File.ReadAllText(Output("qemu", "image")));
            })),
    ]);

    async Task Body(string name, string folder)
    {
        Ran.Enqueue(name);
        AllRuns.Enqueue(name);
        await BodyGate;
        Directory.CreateDirectory(Path.Combine(folder, "bin"));
        Directory.CreateDirectory(Path.Combine(folder, "empty"));
        var image = Path.Combine(folder, "image");
        File.WriteAllText(image, $"{name} from {Flavour} {QemuSource} {File.ReadAllText(KernelConfig).Trim()}\n");
        var tool = Path.Combine(folder, "bin", "tool");
        File.WriteAllText(tool, "#!/bin/sh\n");
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var link = Path.Combine(folder, "current");
        if (!File.Exists(link) && new FileInfo(link).LinkTarget is null)
            File.CreateSymbolicLink(link, "image");
    }

    public Task<(ExecutionPlan Plan, BuildCache Cache, EngineTestKit Kit)> RunAsync(params string[] rebuild) => RunAsync(new EngineTestKit(), rebuild);

    public async Task<(ExecutionPlan Plan, BuildCache Cache, EngineTestKit Kit)> RunAsync(EngineTestKit kit, params string[] rebuild)
    {
        Ran = new ConcurrentQueue<string>();
        var cache = new BuildCache(new CacheSettings(CacheDirectory) { RebuildTargets = rebuild.ToHashSet(), Remote = Remote });
        var plan = await kit.RunAsync(Targets(), ["PackageDebs"], new ExecutionOptions { Cache = cache });
        return (plan, cache, kit);
    }

    public void Dispose() => temp.Dispose();
}
