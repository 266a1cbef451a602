using SevStack.Sources.Apt;
using SevStack.Sources.Floors;
using SevStack.Sources.GitHub;
using SevStack.Sources.Locking;

namespace SevStack.Build.Modules.Sources;

/// <summary>The source trees: fetched as sevstack.lock.json pins them, verified and patched, each handed on as a <see cref="FetchedSource"/>.</summary>
sealed class SourcesModule(IStackSettings settings, ToolchainModule toolchain) : IBuildModule
{
    [Parameter("Host kernel source: apt:linux, git+https://host/repo.git#<ref>, https://…/x.tar.xz#sha256=<hex>, file:///…, or dir:/path")]
    public ComponentSource KernelSource { get; init; } = ComponentSource.Parse("apt:linux", null);

    [Parameter("Kata guest kernel source (same forms as --kernel-source)")]
    public ComponentSource GuestKernelSource { get; init; } = ComponentSource.Parse("apt:linux", null);

    [Parameter("QEMU source (same forms; apt:qemu=<version> pins a Debian version)")]
    public ComponentSource QemuSource { get; init; } = ComponentSource.Parse("apt:qemu", null);

    [Parameter("OVMF (edk2) source (same forms)")]
    public ComponentSource OvmfSource { get; init; } = ComponentSource.Parse("apt:edk2", null);

    [Parameter("Record what the sources resolve to now in sevstack.lock.json instead of failing when a remote moved")]
    public bool UpdateLock { get; init; }

    [Parameter("Accept an https tarball without #sha256=… (its hash is then locked)")]
    public bool AllowUnpinned { get; init; }

    [Parameter("Overwrite a source work tree that has uncommitted changes")]
    public bool DiscardLocalChanges { get; init; }

    [Parameter("Accept an edk2 source that does not contain the seed's floor commit 75b7aa9528bd (an edk2 fork, a test fixture): OVMF older than it cannot boot SEV guests")]
    public bool AllowOldEdk2 { get; init; }

    [Parameter("GitHub API base URL for resolving GitHub refs and finding Kata releases (GitHub Enterprise, or a test server)")]
    public WebAddress GithubApiUrl { get; init; } = WebAddress.Parse("https://api.github.com/", null);

    [Parameter("GitHub token for the API (optional; raises the rate limit)"), Secret]
    public string? GithubToken { get; init; }

    public TargetOutput<FetchedSource> KernelTree { get; } = new("kernel source");
    public TargetOutput<FetchedSource> GuestKernelTree { get; } = new("guest kernel source");
    public TargetOutput<FetchedSource> QemuTree { get; } = new("QEMU source");
    public TargetOutput<FetchedSource> OvmfTree { get; } = new("edk2 source");

    public GitHubOptions GitHub => GitHubOptions.At(GithubApiUrl.Uri, GithubToken);

    public Target FetchKernel => FetchTree("Fetch the host kernel source: pinned by sevstack.lock.json, verified, patched with patches/kernel/series",
        KernelTree, SourceComponent.Kernel, () => KernelSource);

    public Target FetchGuestKernel => FetchTree("Fetch the Kata guest kernel source (patches/guest-kernel/series)",
        GuestKernelTree, SourceComponent.GuestKernel, () => GuestKernelSource);

    public Target FetchQemu => FetchTree("Fetch the QEMU source (patches/qemu/series)", QemuTree, SourceComponent.Qemu, () => QemuSource);

    public Target FetchOvmf => _ => _
        .Description("Fetch the edk2 source with its submodules (patches/ovmf/series)")
        .Produces(OvmfTree)
        .PlanNote(() => PlanNote(SourceComponent.Ovmf, OvmfSource))
        .DependsOn(toolchain.BuildRootFirst)
        .Executes(async context =>
        {
            var edk2 = await FetchAsync(context, SourceComponent.Ovmf, OvmfSource);
            if (AllowOldEdk2)
                context.Log.Warning($"--allow-old-edk2: {edk2.Path} is not checked for edk2 commit {CommitFloor.Edk2.ShortCommit}");
            else
                await new CommitFloorCheck(context.Runner, context.Log).RequireAsync(CommitFloor.Edk2, edk2, Layout, context.CancellationToken);
            context.Produce(OvmfTree, edk2);
        });

    public Target Lock => _ => _
        .Description("Resolve every source to an exact commit or hash and record it in sevstack.lock.json (fetches them)")
        .DependsOn(toolchain.BuildRootFirst)
        .Executes(async context =>
        {
            foreach (var (component, spec) in new[] { (SourceComponent.Kernel, KernelSource), (SourceComponent.GuestKernel, GuestKernelSource), (SourceComponent.Qemu, QemuSource), (SourceComponent.Ovmf, OvmfSource) })
                await FetchAsync(context, component, spec, updateLock: true);
            context.Note = SourceLock.FileName;
        });

    Target FetchTree(string description, TargetOutput<FetchedSource> tree, SourceComponent component, Func<ComponentSource> spec) => _ => _
        .Description(description)
        .Produces(tree)
        .PlanNote(() => PlanNote(component, spec()))
        .DependsOn(toolchain.BuildRootFirst)
        .Executes(async context => context.Produce(tree, await FetchAsync(context, component, spec())));

    /// <summary>Fetches one component as the lock pins it (also for other stages' sources, e.g. Kata 1.x's runtime fork).</summary>
    public async Task<FetchedSource> FetchAsync(TargetContext context, SourceComponent component, ComponentSource spec, bool updateLock = false)
    {
        using var http = new HttpClient();
        var sourceLock = LoadLock();
        var inRoot = toolchain.FetchesInBuildRoot(component);
        var options = Options(updateLock) with
        {
            Apt = inRoot ? toolchain.BuildRoots.Apt(context) : AptEnvironment.System, AptRunner = inRoot ? toolchain.BuildRoots.Runner(context) : null,
        };
        var planned = PlannedSource.FromLock(component.Key(), spec.Value, Layout, sourceLock, options);
        var fetched = await new SourceFetcher(context.Runner, context.Log, http).FetchAsync(component.Key(), spec.Value, Layout, sourceLock, options, context.CancellationToken);
        PlannedSource.Require(planned, fetched, component.Key());
        context.Note = $"{fetched.Identity.Kind} {Shorten(fetched.Identity.Resolved)}";
        return fetched;
    }

    /// <summary>The source's identity in cache keys: planned from the lock before any fetch (builds can then look up first), else the fetched tree's.</summary>
    public string KeyIdentity(TargetContext context, SourceComponent component)
    {
        var (tree, spec) = component switch
        {
            SourceComponent.Kernel => (KernelTree, KernelSource),
            SourceComponent.GuestKernel => (GuestKernelTree, GuestKernelSource),
            SourceComponent.Qemu => (QemuTree, QemuSource),
            SourceComponent.Ovmf => (OvmfTree, OvmfSource),
            _ => throw new ArgumentOutOfRangeException(nameof(component), component, "not one of this module's sources"),
        };
        return PlannedSource.FromLock(component.Key(), spec.Value, Layout, LoadLock(), Options(updateLock: false))?.Canonical() ?? context.Get(tree).Identity.Canonical();
    }

    /// <summary>What --plan says the fetch will make: the lock's pin for the profile, or that the fetch resolves and records it.</summary>
    public string PlanNote(SourceComponent component, ComponentSource spec) => LockPlanText.Describe(component.Key(), spec.Value, LoadLock(), Options(updateLock: false));

    SourceLock LoadLock() => SourceLock.Load(Path.Combine(settings.Run.RootDirectory, SourceLock.FileName));

    FetchOptions Options(bool updateLock) => new()
    {
        Profile = settings.Run.Profiles.LastOrDefault() ?? "debian",
        UpdateLock = UpdateLock || updateLock,
        AllowUnpinned = AllowUnpinned,
        DiscardLocalChanges = DiscardLocalChanges,
        GitHub = GitHub,
    };

    SourceLayout Layout => new(Path.Combine(settings.Run.CacheDirectory, "sources"), Path.Combine(settings.WorkDirectory, "src"), Path.Combine(settings.Run.RootDirectory, "patches"));

    static string Shorten(string resolved) => resolved.Length > 24 ? resolved[..24] + "…" : resolved;
}
