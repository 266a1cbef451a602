using SevStack.Build.Modules;
using SevStack.Build.Modules.Ovmf;
using SevStack.Components.Ovmf;
using SevStack.Engine.Hosting;
using SevStack.Engine.Parameters;
using SevStack.Engine.Targets;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>
/// A stage is one module: this test-only module (its parameter, its target, what it consumes) joins the build by being
/// composed, and the engine plans it behind BuildOvmf and hands it BuildOvmf's output, here read back from the output
/// folder BuildOvmf left, as after a cache hit.
/// </summary>
public sealed class StageModuleTests
{
    sealed class FirmwareProbeModule(OvmfModule ovmf) : IBuildModule
    {
        [Parameter("Test only: the image the probe expects")]
        public string ProbeExpects { get; init; } = "OVMF.fd";

        public Target ProbeFirmware => _ => _
            .Description("Test only: name the firmware BuildOvmf produced")
            .Consumes(ovmf.Firmware)
            .Executes(context =>
            {
                var image = Path.GetFileName(context.Get(ovmf.Firmware).Firmware.Combined);
                context.Note = image == ProbeExpects ? $"probed {image}" : throw new Toolkit.BuildException($"expected {ProbeExpects}, got {image}");
            });
    }

    sealed class BuildWithProbe : Build
    {
        public BuildWithProbe() => Probe = new FirmwareProbeModule(Ovmf);

        internal FirmwareProbeModule Probe { get; }
    }

    [Fact]
    public async Task A_module_added_by_composition_is_planned_after_its_producer_and_gets_its_output()
    {
        using var repository = new TempDirectory("sevstack-stage-module");
        Directory.CreateDirectory(repository.Combine(".nuke"));
        var image = repository.WriteFile("edk2/OVMF.fd", "firmware");
        var folder = new TargetOutputFolder("BuildOvmf", repository.Combine("artifacts", "work", "out", "BuildOvmf"));
        OvmfOutputFolder.Store(folder, [new OvmfBuildResult(OvmfVariant.Kata, repository.Combine("edk2"), "GCC5", null, null, image)], "0123abcd");

        var (planExit, plan) = await Run(repository, "ProbeFirmware", "--plan");
        Assert.True(planExit == 0, plan);
        Assert.Contains("FetchOvmf", plan);
        Assert.Matches(@"BuildOvmf\s+dependency of ProbeFirmware[\s\S]*ProbeFirmware\s+invoked", plan);

        var (exit, output) = await Run(repository, "ProbeFirmware", "--skip", "FetchOvmf", "InstallBuildDeps", "BuildOvmf", "--probe-expects", "OVMF.fd");
        Assert.True(exit == 0, output);
        Assert.Contains("probed OVMF.fd", output);

        var (helpExit, help) = await Run(repository, "--help");
        Assert.True(helpExit == 0, help);
        Assert.Contains("--probe-expects", help);
        Assert.Contains("ProbeFirmware", help);
    }

    static async Task<(int Exit, string Output)> Run(TempDirectory repository, params string[] args)
    {
        using var output = new StringWriter();
        var environment = new HostEnvironment(output, new Dictionary<string, string>(), repository.Path, IsTerminal: false);
        var exit = await BuildHost.RunAsync(new BuildWithProbe(), args, new HostSettings(), environment, CancellationToken.None);
        return (exit, output.ToString());
    }
}
