using SevStack.Engine;
using SevStack.Engine.Processes;

namespace SevStack.Components.Ovmf;

/// <summary>Builds an OVMF variant: tool checks, BaseTools, edksetup.sh, <c>build</c>, then the firmware files are checked.</summary>
public sealed class OvmfBuilder(ICommandRunner runner)
{
    public async Task<OvmfBuildResult> BuildAsync(OvmfBuildRequest request, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(request.SourceTree);
        if (!File.Exists(Path.Combine(source, "edksetup.sh")))
            throw new BuildException($"{source} is not an edk2 tree (no edksetup.sh); point the build at the unpacked edk2 source.");
        var platform = OvmfPlatform.For(request.Variant, request.BuildType, source);
        var tag = EdkToolchainTag.Detect(source);
        await new OvmfToolVersions(runner).CheckAsync(request.ToolPath, cancellationToken).ConfigureAwait(false);
        if (request.Variant == OvmfVariant.AmdSev)
            foreach (var tool in new[] { "grub-mkimage", "mkfs.msdos", "mcopy" })
                ProgramPath.Require(tool, request.ToolPath);

        // BaseTools' tests and wrappers run $PYTHON_COMMAND, which defaults to "python" (absent on Debian 12).
        var toolPath = new Dictionary<string, string?> { ["PATH"] = request.ToolPath, ["PYTHON_COMMAND"] = request.PythonCommand };
        await runner.RunAsync(new CommandSpec("make", "-C", Path.Combine(source, "BaseTools"), $"-j{request.Jobs}") { Environment = toolPath }, cancellationToken)
            .ConfigureAwait(false);
        var environment = await new EdkEnvironment(runner).CaptureAsync(source, request.ToolPath, request.PythonCommand, cancellationToken).ConfigureAwait(false);

        if (request.Variant == OvmfVariant.AmdSev && !runner.IsDryRun && AmdSevGrubWorkaround.PrepareScript(source) is { } grubScript)
            await runner.RunAsync(new CommandSpec("sh", grubScript) { WorkingDirectory = source, Environment = toolPath }, cancellationToken).ConfigureAwait(false);

        var build = runner.IsDryRun ? "build" : ProgramPath.Find("build", environment["PATH"])
            ?? throw new BuildException($"edksetup.sh in {source} put no 'build' command on PATH; rebuild BaseTools (make -C BaseTools).");
        await runner.RunAsync(new CommandSpec(build, BuildArguments(platform, tag, request))
        {
            WorkingDirectory = source,
            Environment = environment,
        }, cancellationToken).ConfigureAwait(false);

        var target = request.BuildType == OvmfBuildType.Debug ? "DEBUG" : "RELEASE";
        var fv = Path.Combine(source, platform.OutputDirectory(source), $"{target}_{tag}", "FV");
        if (!runner.IsDryRun)
            BuildOutputs.RequireNonEmpty($"OVMF {request.Variant} build", platform.Outputs.Select(o => Path.Combine(fv, o)));
        string? Output(string name) => platform.Outputs.Contains(name) ? Path.Combine(fv, name) : null;
        return new OvmfBuildResult(request.Variant, fv, tag, Output(OvmfPlatform.Code), Output(OvmfPlatform.Vars), Path.Combine(fv, OvmfPlatform.Combined));
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
