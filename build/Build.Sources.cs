using SevStack.Build.Parameters;
using SevStack.Engine.Parameters;
using SevStack.Engine.Targets;
using SevStack.Sources;
using SevStack.Sources.GitHub;
using SevStack.Sources.Locking;

namespace SevStack.Build;

sealed partial class Build
{
    [Parameter("Host kernel source: apt:linux, git+https://host/repo.git#<ref>, https://…/x.tar.xz#sha256=<hex>, file:///…, or dir:/path")]
    readonly ComponentSource KernelSource = ComponentSource.Parse("apt:linux", null);

    [Parameter("Kata guest kernel source (same forms as --kernel-source)")]
    readonly ComponentSource GuestKernelSource = ComponentSource.Parse("apt:linux", null);

    [Parameter("QEMU source (same forms; apt:qemu=<version> pins a Debian version)")]
    readonly ComponentSource QemuSource = ComponentSource.Parse("apt:qemu", null);

    [Parameter("OVMF (edk2) source (same forms)")]
    readonly ComponentSource OvmfSource = ComponentSource.Parse("apt:edk2", null);

    [Parameter("Record what the sources resolve to now in sevstack.lock.json instead of failing when a remote moved")]
    readonly bool UpdateLock;

    [Parameter("Accept an https tarball without #sha256=… (its hash is then locked)")]
    readonly bool AllowUnpinned;

    [Parameter("Overwrite a source work tree that has uncommitted changes")]
    readonly bool DiscardLocalChanges;

    [Parameter("GitHub API base URL for resolving GitHub refs and finding Kata releases (GitHub Enterprise, or a test server)")]
    readonly WebAddress GithubApiUrl = WebAddress.Parse("https://api.github.com/", null);

    [Parameter("GitHub token for the API (optional; raises the rate limit)"), Secret]
    readonly string? GithubToken;

    GitHubOptions GitHub => GitHubOptions.At(GithubApiUrl.Uri, GithubToken);

    FetchedSource? FetchedKernel, FetchedGuestKernel, FetchedQemu, FetchedOvmf;

    Target FetchKernel => _ => _
        .Description("Fetch the host kernel source: pinned by sevstack.lock.json, verified, patched with patches/kernel/series")
        .Executes(async context => FetchedKernel = await FetchAsync(context, "kernel", KernelSource));

    Target FetchGuestKernel => _ => _
        .Description("Fetch the Kata guest kernel source (patches/guest-kernel/series)")
        .Executes(async context => FetchedGuestKernel = await FetchAsync(context, "guest-kernel", GuestKernelSource));

    Target FetchQemu => _ => _
        .Description("Fetch the QEMU source (patches/qemu/series)")
        .Executes(async context => FetchedQemu = await FetchAsync(context, "qemu", QemuSource));

    Target FetchOvmf => _ => _
        .Description("Fetch the edk2 source with its submodules (patches/ovmf/series)")
        .Executes(async context => FetchedOvmf = await FetchAsync(context, "ovmf", OvmfSource));

    Target Lock => _ => _
        .Description("Resolve every source to an exact commit or hash and record it in sevstack.lock.json (fetches them)")
        .Executes(async context =>
        {
            foreach (var (component, spec) in new[] { ("kernel", KernelSource), ("guest-kernel", GuestKernelSource), ("qemu", QemuSource), ("ovmf", OvmfSource) })
                await FetchAsync(context, component, spec, updateLock: true);
            context.Note = SourceLock.FileName;
        });

    string WorkDirectory => Path.Combine(ArtifactsDirectory, "work");

    async Task<FetchedSource> FetchAsync(TargetContext context, string component, ComponentSource spec, bool updateLock = false)
    {
        using var http = new HttpClient();
        var sourceLock = SourceLock.Load(Path.Combine(RootDirectory, SourceLock.FileName));
        var layout = new SourceLayout(Path.Combine(CacheDirectory, "sources"), Path.Combine(WorkDirectory, "src"), Path.Combine(RootDirectory, "patches"));
        var options = new FetchOptions
        {
            Profile = Profiles.LastOrDefault() ?? "debian",
            UpdateLock = UpdateLock || updateLock,
            AllowUnpinned = AllowUnpinned,
            DiscardLocalChanges = DiscardLocalChanges,
            GitHub = GitHub,
        };
        var fetched = await new SourceFetcher(context.Runner, context.Log, http).FetchAsync(component, spec.Text, layout, sourceLock, options, context.CancellationToken);
        context.Note = $"{fetched.Identity.Kind} {Shorten(fetched.Identity.Resolved)}";
        return fetched;
    }

    static string Shorten(string resolved) => resolved.Length > 24 ? resolved[..24] + "…" : resolved;
}
