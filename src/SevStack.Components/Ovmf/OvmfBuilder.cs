using SevStack.Toolkit;
using SevStack.Toolkit.Processes;

namespace SevStack.Components.Ovmf;

/// <summary>
/// Builds OVMF variants from one edk2 tree: tool checks, BaseTools and edksetup.sh once, then <c>build</c> per variant
/// into the platform's own Build folder, and each variant's firmware files and footer table are checked (<see cref="OvmfImageCheck"/>).
/// </summary>
public sealed class OvmfBuilder(ICommandRunner runner, IBuildLog? log = null)
{
    /// <summary>Builds the request's single variant.</summary>
    public async Task<OvmfBuildResult> BuildAsync(OvmfBuildRequest request, CancellationToken cancellationToken = default) =>
        request.Variants.Count == 1
            ? (await BuildAllAsync(request, cancellationToken).ConfigureAwait(false))[0]
            : throw new ArgumentException($"{nameof(BuildAsync)} builds one variant; use {nameof(BuildAllAsync)} for {request.Variants.Count}.", nameof(request));

    /// <summary>Builds every variant of the request, in order (duplicates once); one result per variant.</summary>
    public async Task<IReadOnlyList<OvmfBuildResult>> BuildAllAsync(OvmfBuildRequest request, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(request.SourceTree);
        var pending = PendingSourceTree.IsPending(runner, source);
        if (!pending && !File.Exists(Path.Combine(source, "edksetup.sh")))
            throw new BuildException($"{source} is not an edk2 tree (no edksetup.sh); point the build at the unpacked edk2 source.");
        if (request.Variants.Count == 0)
            throw new BuildException("no OVMF variant was asked for; name at least one (host, kata or amd-sev).");
        var platforms = request.Variants.Distinct().Select(v => OvmfPlatform.For(v, request.BuildType, source, pending)).ToList();
        RequireSeparateOutputs(platforms, source, pending);
        var tag = pending ? EdkToolchainTag.Planned : EdkToolchainTag.Detect(source);
        // A dry run plans the build root it would make first: its tools can only be looked up once it exists.
        var rootPending = runner.IsDryRun && request.FileRoot.Length > 0 && !Directory.Exists(request.FileRoot);
        string Tool(string name) => rootPending ? name : ProgramPath.RequireUnder(request.FileRoot, name, request.ToolPath);
        if (!rootPending)
            await new OvmfToolVersions(runner).CheckAsync(request.ToolPath, cancellationToken, request.FileRoot).ConfigureAwait(false);
        var grub = platforms.Any(p => p.Variant == OvmfVariant.AmdSev) ? new AmdSevGrub(source, request.GrubModuleDirectory, rootPending ? null : request.FileRoot) : null;
        var mkimage = grub is null ? null : Tool("grub-mkimage");
        if (grub is not null)
            foreach (var tool in new[] { "mkfs.msdos", "mcopy" })
                Tool(tool);
        var prepared = pending ? null : grub?.Prepare(request.SecretModule, runner.IsDryRun);
        if (prepared is { LeftOut.Count: > 0 })
            log?.Info($"amd-sev: its GRUB is made without {string.Join(", ", prepared.LeftOut)}");
        var grubScript = prepared?.Path ?? grub?.Script;

        // BaseTools' tests and wrappers run $PYTHON_COMMAND, which defaults to "python" (absent on Debian 12).
        var toolPath = new Dictionary<string, string?> { ["PATH"] = request.ToolPath, ["PYTHON_COMMAND"] = request.PythonCommand };
        await runner.RunAsync(new CommandSpec("make", "-C", Path.Combine(source, "BaseTools"), $"-j{request.Jobs}") { Environment = toolPath }, cancellationToken)
            .ConfigureAwait(false);
        var environment = await new EdkEnvironment(runner).CaptureAsync(source, request.ToolPath, request.PythonCommand, cancellationToken).ConfigureAwait(false);
        var build = runner.IsDryRun ? "build" : ProgramPath.Find("build", environment["PATH"])
            ?? throw new BuildException($"edksetup.sh in {source} put no 'build' command on PATH; rebuild BaseTools (make -C BaseTools).");

        var results = new List<OvmfBuildResult>();
        foreach (var platform in platforms)
        {
            bool? grubHasSecret = null;
            if (platform.Variant == OvmfVariant.AmdSev)
                grubHasSecret = await MakeGrubAsync(grub!, grubScript!, mkimage!, request, toolPath, cancellationToken).ConfigureAwait(false);
            await runner.RunAsync(new CommandSpec(build, BuildArguments(platform, tag, request))
            {
                WorkingDirectory = source,
                Environment = environment,
            }, cancellationToken).ConfigureAwait(false);
            results.Add(CheckOutputs(platform, source, pending, tag, request) with { GrubHasSecretModule = grubHasSecret });
        }
        return results;
    }

    /// <summary>edk2 writes each platform under its .dsc's OUTPUT_DIRECTORY; two variants sharing one would overwrite each other.</summary>
    static void RequireSeparateOutputs(IReadOnlyList<OvmfPlatform> platforms, string source, bool pending)
    {
        foreach (var shared in platforms.GroupBy(p => p.OutputDirectory(source, pending)).Where(g => g.Count() > 1))
            throw new BuildException($"the OVMF variants {string.Join(" and ", shared.Select(p => p.Variant))} both build into {shared.Key} in {source}; build them in separate runs.");
    }

    async Task<bool?> MakeGrubAsync(AmdSevGrub grub, string script, string mkimage, OvmfBuildRequest request, Dictionary<string, string?> toolPath, CancellationToken cancellationToken)
    {
        var shim = runner.IsDryRun ? null : grub.MkimageShim(mkimage, Path.Combine(request.SourceTree, "Build", "sevstack-grub-mkimage"));
        var environment = shim is null ? toolPath : new Dictionary<string, string?>(toolPath) { ["PATH"] = shim + ":" + request.ToolPath };
        await runner.RunAsync(new CommandSpec("sh", script) { WorkingDirectory = Path.GetFullPath(request.SourceTree), Environment = environment }, cancellationToken).ConfigureAwait(false);
        if (runner.IsDryRun)
            return null;
        var hasSecret = grub.ImageHasSecretModule();
        if (!hasSecret && request.SecretModule == SevSecretModule.Required)
            throw new BuildException($"{grub.Image} was made without the {AmdSevGrub.SecretModule} module although {grub.Script} lists it; check the GRUB module folder {request.GrubModuleDirectory}.");
        return hasSecret;
    }

    OvmfBuildResult CheckOutputs(OvmfPlatform platform, string source, bool pending, string tag, OvmfBuildRequest request)
    {
        var target = request.BuildType == OvmfBuildType.Debug ? "DEBUG" : "RELEASE";
        var fv = Path.Combine(source, platform.OutputDirectory(source, pending), $"{target}_{tag}", "FV");
        string? Output(string name) => platform.Outputs.Contains(name) ? Path.Combine(fv, name) : null;
        var result = new OvmfBuildResult(platform.Variant, fv, tag, Output(OvmfPlatform.Code), Output(OvmfPlatform.Vars), Path.Combine(fv, OvmfPlatform.Combined));
        if (runner.IsDryRun)
            return result;
        BuildOutputs.RequireNonEmpty($"OVMF {platform.Variant} build", platform.Outputs.Select(o => Path.Combine(fv, o)));
        return result with { FooterEntries = [.. OvmfImageCheck.Require(result.Combined, platform.Variant, request.SevLevel).Footer.Guids] };
    }

    public static IReadOnlyList<string> BuildArguments(OvmfPlatform platform, string toolchainTag, OvmfBuildRequest request)
    {
        var arguments = new List<string>();
        foreach (var arch in platform.Architectures)
            arguments.AddRange(["-a", arch]);
        arguments.AddRange(["-t", toolchainTag, "-b", request.BuildType == OvmfBuildType.Debug ? "DEBUG" : "RELEASE",
            "-n", request.Jobs.ToString(System.Globalization.CultureInfo.InvariantCulture), "-p", platform.Dsc]);
        foreach (var define in platform.Defines.Concat(request.ExtraDefines))
            arguments.AddRange(["-D", define]);
        return arguments;
    }
}
