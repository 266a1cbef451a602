using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Components.Qemu;

/// <summary>
/// Configures (out of tree, per flavour), builds and stages QEMU, then verifies its SEV support.
/// Only <c>qemu-system-x86_64</c> and the generated files that install needs are built, then staged with
/// <c>meson install --no-rebuild</c>: a plain <c>make install</c> first builds the whole test suite (about 900 more steps).
/// </summary>
public sealed class QemuBuilder(ICommandRunner runner)
{
    /// <summary>Records the configure line in the build folder; an unchanged line skips configure, which would force a near-full rebuild.</summary>
    const string ConfigureStamp = "sevstack-configure.args";

    public async Task<QemuBuildResult> BuildAsync(QemuBuildRequest request, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(request.SourceTree);
        var configure = Path.Combine(source, "configure");
        if (!PendingSourceTree.IsPending(runner, source) && !File.Exists(configure))
            throw new BuildException($"{source} is not a QEMU source tree (no configure script); point the build at the unpacked qemu source.");
        if (!PendingSourceTree.IsPending(runner, source))
            QemuMesonFloor.RequireMesonTree(source);
        var build = request.BuildDirectory;
        if (!runner.IsDryRun)
            Directory.CreateDirectory(build);

        var slirp = request.Flavour == QemuFlavour.Host && await HasSlirpAsync(cancellationToken).ConfigureAwait(false);
        var flags = QemuConfigureFlags.For(request.Flavour, request.Prefix, slirp, SourceVersion(source))
            .Concat(request.CompilerCache is { } cache ? ["--cc=" + cache.CompilerCommand] : []).ToList();
        var environment = Ccache.CompilerCache.EnvironmentOf(request.CompilerCache);
        await ConfigureAsync(configure, build, flags, environment, cancellationToken).ConfigureAwait(false);

        // trace-events-all is installed but only built by "all"; without it meson install --no-rebuild stops (QEMU 7.2, seen for real).
        await runner.RunAsync(new CommandSpec("make", "-C", build, $"-j{request.Jobs}", "qemu-system-x86_64", "trace/trace-events-all") { Environment = environment },
            cancellationToken).ConfigureAwait(false);

        var staging = request.StagingDirectory;
        if (!runner.IsDryRun && Directory.Exists(staging))
            Directory.Delete(staging, recursive: true);
        await runner.RunAsync(new CommandSpec(MesonIn(build), "install", "-C", build, "--no-rebuild", "--destdir", staging), cancellationToken).ConfigureAwait(false);

        var binary = Path.Combine(staging, request.Prefix.TrimStart('/'), "bin", "qemu-system-x86_64");
        if (runner.IsDryRun)
            return new QemuBuildResult(request.Flavour, staging, request.Prefix, binary, null);
        var sev = await new QemuSevVerifier(runner).VerifyAsync(binary, cancellationToken).ConfigureAwait(false);
        return new QemuBuildResult(request.Flavour, staging, request.Prefix, binary, sev);
    }

    async Task ConfigureAsync(string configure, string build, IReadOnlyList<string> flags, IReadOnlyDictionary<string, string?> environment,
        CancellationToken cancellationToken)
    {
        var stamp = Path.Combine(build, ConfigureStamp);
        var line = string.Join('\n', flags.Prepend(configure));
        if (File.Exists(stamp) && File.ReadAllText(stamp) == line && File.Exists(Path.Combine(build, "build.ninja")))
            return;
        await runner.RunAsync(new CommandSpec(configure, [.. flags]) { WorkingDirectory = build, Environment = environment }, cancellationToken).ConfigureAwait(false);
        if (!runner.IsDryRun)
            File.WriteAllText(stamp, line);
    }

    async Task<bool> HasSlirpAsync(CancellationToken cancellationToken)
    {
        var probe = await runner.RunAsync(new CommandSpec("pkg-config", "--exists", "slirp") { IsQuery = true, AllowFailure = true }, cancellationToken)
            .ConfigureAwait(false);
        return probe.Succeeded;
    }

    /// <summary>The QEMU release of the tree (its VERSION file, e.g. 10.0.13); null before a dry run's fetch made the tree.</summary>
    static Version? SourceVersion(string source) =>
        File.Exists(Path.Combine(source, "VERSION")) && Version.TryParse(File.ReadAllText(Path.Combine(source, "VERSION")).Trim(), out var version) ? version : null;

    /// <summary>QEMU 8.1+ configures its own meson in a venv inside the build folder; older releases use the system one.</summary>
    static string MesonIn(string build) =>
        Path.Combine(build, "pyvenv", "bin", "meson") is var venv && File.Exists(venv) ? venv : "meson";
}
