using System.Text.Json.Nodes;
using SevStack.Build.Modules;
using SevStack.Build.Modules.Ovmf;
using SevStack.Components.Ovmf;
using SevStack.Testing;

namespace SevStack.Build.Tests;

/// <summary>
/// Measure computes the launch digests of the OVMF BuildOvmf left (here the real OvmfPkgX64 footer of the measurement
/// test vectors, whose digests a widely used tool asserts) and writes artifacts/measurements.json.
/// </summary>
public sealed class MeasureTargetTests
{
    static readonly string[] SkipBuild = ["--skip", "FetchOvmf", "InstallBuildDeps", "BuildOvmf"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Measure_writes_the_digests_of_our_firmware_next_to_the_packages(bool native)
    {
        using var repository = new TempDirectory("sevstack-measure");
        var image = repository.Combine("edk2", "OVMF.fd");
        Directory.CreateDirectory(Path.GetDirectoryName(image)!);
        File.Copy(SharedData.TestData("measure", "ovmf_OvmfX64_suffix.bin"), image);
        OvmfOutputFolder.Store(new TargetOutputFolder("BuildOvmf", repository.Combine("artifacts", "work", "out", "BuildOvmf")),
            [new OvmfBuildResult(OvmfVariant.Kata, repository.Combine("edk2"), "GCC5", null, null, image)], "0123abcd");

        var (exit, output) = await BuildProgram.RunIsolated(repository, native, ["Measure", .. SkipBuild, "--measure-modes", "sev-snp", "--measure-guest-features", "0x21"]);

        Assert.True(exit == 0, output);
        var measurement = JsonNode.Parse(File.ReadAllText(repository.Combine("artifacts", "measurements.json")))!["measurements"]![0]!;
        Assert.Equal("sev-snp", (string?)measurement["mode"]);
        Assert.Equal("28797ae0afaba4005a81e629acebfb59e6687949d6be44007cd5506823b0dd66f146aaae26ff291eed7b493d8a64c385", (string?)measurement["digest"]);
    }

    [Theory]
    [InlineData("--measure-guest-features", "0x20", "Invalid value for --measure-guest-features (from the command line): it lacks bit 0 (SNPActive)")]
    [InlineData("--measure-vcpu-type", "Pentium", "Invalid value for --measure-vcpu-type (from the command line): it expects one of QEMU's SEV-capable CPU models")]
    [InlineData("--measure-modes", "tdx", "Invalid value for --measure-modes (from the command line)")]
    [InlineData("--measure-vcpus", "0", "Invalid value for --measure-vcpus (from the command line)")]
    public async Task A_bad_measurement_value_is_one_line_and_exit_2_before_anything_runs(string flag, string value, string expected)
    {
        using var repository = new TempDirectory("sevstack-measure");
        var (exit, output) = await BuildProgram.RunIsolated(repository, ["Measure", flag, value]);
        Assert.Equal(2, exit);
        Assert.StartsWith("error: " + expected, output);
        Assert.Single(output.TrimEnd().Split('\n'));
        Assert.False(Directory.Exists(repository.Combine("artifacts")));
    }
}
