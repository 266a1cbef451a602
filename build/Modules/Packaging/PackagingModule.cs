using SevStack.Launch.Qemu;
using SevStack.Components.Kernel;
using SevStack.Components.Ovmf;
using SevStack.Components.Packages;
using SevStack.Components.Qemu;
using SevStack.Packaging;
using SevStack.Packaging.Apt;
using SevStack.Packaging.Inputs;
using SevStack.Packaging.Outputs;

namespace SevStack.Build.Modules.Packaging;

/// <summary>
/// The .deb files of the kernel, QEMU and OVMF (and of whatever else the run built: Kata's flavours, Kata itself), with
/// SHA256SUMS, manifests and a flat apt repository; or the folder of .deb files <c>--debs</c> names instead.
/// </summary>
sealed class PackagingModule(IStackSettings settings, SourcesModule sources, KernelModule kernel, QemuModule qemu, OvmfModule ovmf, ToolchainModule toolchain) : IBuildModule
{
    [Parameter("Suffix added to each package's upstream version (Debian revision)")]
    public DebianRevision BuildSuffix { get; init; } = DebianRevision.Parse("sevstack1", null);

    [Parameter("GnuPG key id that signs artifacts/apt (InRelease); without it the repository is unsigned")]
    public SigningKeyId? SigningKey { get; init; }

    [Parameter("Also ship the kernel's linux-libc-dev package")]
    public bool LinuxLibcDev { get; init; }

    [Parameter("Install packages from this folder of .deb files (e.g. downloaded from CI) instead of artifacts/apt")]
    public string? Debs { get; init; }

    public TargetOutput<DebSet> Packages { get; } = new("DebSet");

    /// <summary>The packages of later stages (<see cref="IPackagedOutput"/>), made when their producers are in the run.</summary>
    IEnumerable<OptionalPackage> IncludedPackages => settings.Run.Modules.OfType<IPackagedOutput>().Select(m => m.Package);

    PackageSettings PackageSettings => new(settings.Maintainer.ToString(), BuildSuffix.Value, settings.InstallPrefix.Prefix);

    ArtifactsLayout Artifacts => new(settings.Run.ArtifactsDirectory);

    public Target PackageDebs => _ => _
        .Description("Package the kernel, QEMU and OVMF (and the Kata guest kernel and QEMU when built in the same run) as reproducible .deb files in artifacts/debs (with its own manifest.json), with SHA256SUMS, manifest.json and a flat apt repository in artifacts/apt")
        .Consumes(kernel.HostKernel, qemu.HostQemu, ovmf.Firmware, sources.KernelTree, sources.QemuTree, sources.OvmfTree)
        .ConsumesWhenScheduled([kernel.GuestKernel, qemu.KataQemu, sources.GuestKernelTree, .. IncludedPackages.Select(p => p.Output)])
        .OnlyWhenStatic(() => Debs == null, "--debs names the packages to install instead")
        .Produces(Packages, () => Debs is null ? DebSet.FromArtifacts(settings.Run.ArtifactsDirectory) : DebSet.FromFolder(Debs))
        .Cacheable(c => IncludedPackageInputs(toolchain.BuildRootsOf(qemu).CacheInput(c, qemu.BuildComponents)
            .Recipe("packages-2")
            .Upstream(kernel.BuildKernel, qemu.BuildQemu, ovmf.BuildOvmf)
            .Input("sources", context => Task.FromResult<string?>(string.Join('\n', new[] { SourceComponent.Kernel, SourceComponent.Qemu, SourceComponent.Ovmf }.Select(c => sources.KeyIdentity(context, c))))).LookUpFirst()
            .Input("maintainer", () => settings.Maintainer.ToString()).Input("build-suffix", () => BuildSuffix.Value).Input("signing-key", () => SigningKey?.Value)
            .Input("linux-libc-dev", () => LinuxLibcDev.ToString()).Input("install-prefix", () => settings.InstallPrefix.Path)
            .Input("kata-flavours", context => Task.FromResult<string?>(KataFlavourKeys(context))))
            .Tool("dpkg-deb").Tool("dpkg-shlibdeps").Tool("gzip")
            .Output(() => Artifacts.Debs).Output(() => Artifacts.Apt).Output(() => Artifacts.Sha256Sums).Output(() => Artifacts.Manifest))
        .Executes(async context =>
        {
            var kernelSource = context.Get(sources.KernelTree);
            var kernelBuild = context.Get(kernel.HostKernel);
            var kernelKey = kernelBuild.CacheKey ?? kernelSource.Identity.Key();
            var kernelDebs = new[] { kernelBuild.Packages.Image, kernelBuild.Packages.Headers }.Concat(LinuxLibcDev ? [kernelBuild.Packages.LibcDev] : [])
                .OfType<string>().Select(path => new KernelDebInput(path, PackageSettings.Identity(kernelSource), kernelKey)).ToList();
            var request = new PackageDebsRequest(settings.Run.ArtifactsDirectory, [.. ComponentPackages(context)], kernelDebs,
                SigningKey is null ? null : new AptSigningKey(SigningKey.Value), LinuxLibcDev);
            // With --build-release the Depends come from dpkg-shlibdeps in that release's root: its libraries, not this machine's.
            var result = await new PackageDebsPipeline(context.Runner, context.Log, toolchain.BuildRootsOf(qemu).PackagingRunner(context)).RunAsync(request, context.CancellationToken);
            context.Produce(Packages, new DebSet(Artifacts.Apt, null, Artifacts.Manifest, result.Manifest.Packages.Select(p => p.Name).ToList(),
                context.IsDryRun ? result.Manifest.Packages : null));
            context.Note = string.Join(", ", result.Manifest.Packages.Select(p => p.File));
        });

    IEnumerable<DebPackageSpec> ComponentPackages(TargetContext context)
    {
        var package = PackageSettings;
        var qemuSource = context.Get(sources.QemuTree);
        var hostQemu = context.Get(qemu.HostQemu);
        yield return QemuPackages.Host(package, qemuSource, hostQemu.Result, BuildKey(hostQemu.CacheKey, qemuSource), LauncherScript.FileName);
        var ovmfSource = context.Get(sources.OvmfTree);
        var firmware = context.Get(ovmf.Firmware);
        yield return OvmfPackage.Spec(package, ovmfSource, firmware.Variants, BuildKey(firmware.CacheKey, ovmfSource), Path.Combine(settings.BuildRoot, "ovmf-staging"),
            context.IsDryRun);
        if (context.Find(kernel.GuestKernel) is { } guest && context.Find(sources.GuestKernelTree) is { } guestSource)
            yield return GuestKernelPackage.Spec(package, guestSource, guest.Images, BuildKey(guest.CacheKey, guestSource), Path.Combine(settings.BuildRoot, "kata-kernel-staging"));
        if (context.Find(qemu.KataQemu) is { } kataQemu)
            yield return QemuPackages.Kata(package, qemuSource, kataQemu.Result, BuildKey(kataQemu.CacheKey, qemuSource));
        foreach (var included in IncludedPackages)
            if (included.Spec(context, package) is { } spec)
                yield return spec;
    }

    /// <summary>The cache keys of the Kata flavour builds in this run, which join PackageDebs' key.</summary>
    string KataFlavourKeys(TargetContext context) => string.Join(' ', new[]
    {
        context.Find(kernel.GuestKernel) is { } guest ? $"{nameof(KernelModule.BuildGuestKernel)}={guest.CacheKey}" : null,
        context.Find(qemu.KataQemu) is { } kataQemu ? $"{nameof(QemuModule.BuildKataQemu)}={kataQemu.CacheKey}" : null,
    }.OfType<string>());

    Engine.Caching.CacheDeclaration IncludedPackageInputs(Engine.Caching.CacheDeclaration cache)
    {
        foreach (var included in IncludedPackages)
            cache.Input(included.Name, context => Task.FromResult(included.CacheIdentity(context)));
        return cache;
    }

    /// <summary>The cache key of the build that made a package's contents (the source's key when the cache is off).</summary>
    static string BuildKey(string? cacheKey, FetchedSource source) => cacheKey ?? source.Identity.Key();
}
