using SevStack.Components.Ovmf;
using SevStack.Engine;
using SevStack.Engine.Processes;
using SevStack.Testing;

namespace SevStack.Components.Tests.Ovmf;

public sealed class OvmfBuilderTests
{
    readonly MemoryBuildLog log = new();
    ICommandRunner Runner => new CliWrapCommandRunner(log, Privilege.Detect());

    /// <summary>A PATH whose first folder holds fake nasm/iasl/grub tools of the given versions.</summary>
    static string ToolPath(TempDirectory temp, string nasmVersion = "2.16.01", string iaslVersion = "20200925")
    {
        var bin = temp.Combine("fakebin");
        Fixture.Script(Path.Combine(bin, "nasm"), $"#!/bin/sh\necho 'NASM version {nasmVersion} compiled on Jan  1 2023'\n");
        Fixture.Script(Path.Combine(bin, "iasl"), $"#!/bin/sh\nprintf '\\nIntel ACPI Component Architecture\\nASL+ Optimizing Compiler/Disassembler version {iaslVersion}\\n'\n");
        foreach (var tool in new[] { "grub-mkimage", "mkfs.msdos", "mcopy" })
            Fixture.Script(Path.Combine(bin, tool), "#!/bin/sh\nexit 0\n");
        return bin + ":/usr/bin:/bin";
    }

    [Fact]
    public async Task Kata_variant_builds_basetools_sources_edksetup_and_runs_build_without_the_debian_shell()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("edk2", temp);

        var result = await new OvmfBuilder(Runner).BuildAsync(new OvmfBuildRequest(source, OvmfVariant.Kata) { Jobs = 2, ToolPath = ToolPath(temp) });

        var fv = Path.Combine(source, "Build", "OvmfX64", "RELEASE_GCC5", "FV");
        Assert.Equal(new OvmfBuildResult(OvmfVariant.Kata, fv, "GCC5", Path.Combine(fv, "OVMF_CODE.fd"), Path.Combine(fv, "OVMF_VARS.fd"), Path.Combine(fv, "OVMF.fd")), result);
        Assert.Equal(
            ["make BaseTools PYTHON_COMMAND=python3",
             $"build -a X64 -t GCC5 -b RELEASE -n 2 -p OvmfPkg/OvmfPkgX64.dsc -D BUILD_SHELL=FALSE WORKSPACE={source} CONF_PATH={source}/Conf PYTHON_COMMAND=python3"],
            File.ReadAllLines(Path.Combine(source, "calls.log")));
    }

    [Fact]
    public async Task Host_variant_is_ia32_x64_with_smm_and_secure_boot_and_debug_prints_on_serial()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("edk2", temp);

        var result = await new OvmfBuilder(Runner).BuildAsync(
            new OvmfBuildRequest(source, OvmfVariant.Host) { Jobs = 2, BuildType = OvmfBuildType.Debug, ToolPath = ToolPath(temp) });

        Assert.Equal(Path.Combine(source, "Build", "Ovmf3264", "DEBUG_GCC5", "FV"), result.FirmwareDirectory);
        Assert.StartsWith("build -a IA32 -a X64 -t GCC5 -b DEBUG -n 2 -p OvmfPkg/OvmfPkgIa32X64.dsc -D SMM_REQUIRE=TRUE -D SECURE_BOOT_ENABLE=TRUE -D DEBUG_ON_SERIAL_PORT=TRUE WORKSPACE=",
            File.ReadAllLines(Path.Combine(source, "calls.log"))[1]);
    }

    [Fact]
    public async Task AmdSev_variant_prebuilds_grub_without_sevsecret_and_yields_one_image()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("edk2", temp);

        var result = await new OvmfBuilder(Runner).BuildAsync(new OvmfBuildRequest(source, OvmfVariant.AmdSev) { ToolPath = ToolPath(temp) });

        Assert.Null(result.Code);
        Assert.Equal(Path.Combine(source, "Build", "AmdSev", "RELEASE_GCC5", "FV", "OVMF.fd"), result.Combined);
        var grubEfi = File.ReadAllText(Path.Combine(source, "OvmfPkg", "AmdSev", "Grub", "grub.efi"));
        Assert.Contains("cryptodisk", grubEfi);
        Assert.DoesNotContain("sevsecret", grubEfi);
    }

    [Fact]
    public async Task Missing_nasm_fails_before_building_naming_the_package()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("edk2", temp);
        Directory.CreateDirectory(temp.Combine("empty"));

        var error = await Assert.ThrowsAsync<ToolNotFoundException>(() => new OvmfBuilder(Runner).BuildAsync(
            new OvmfBuildRequest(source, OvmfVariant.Kata) { ToolPath = temp.Combine("empty") }));

        Assert.Equal("'nasm' was not found on PATH: install the Debian package nasm (apt-get install nasm)", error.Message);
        Assert.False(File.Exists(Path.Combine(source, "calls.log")));
    }

    [Fact]
    public async Task Too_old_nasm_and_iasl_are_rejected_with_the_minimum()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("edk2", temp);

        var nasm = await Assert.ThrowsAsync<BuildException>(() => new OvmfBuilder(Runner).BuildAsync(
            new OvmfBuildRequest(source, OvmfVariant.Kata) { ToolPath = ToolPath(temp, nasmVersion: "2.14.02") }));
        var iasl = await Assert.ThrowsAsync<BuildException>(() => new OvmfBuilder(Runner).BuildAsync(
            new OvmfBuildRequest(source, OvmfVariant.Kata) { ToolPath = ToolPath(temp, iaslVersion: "20180105") }));

        Assert.Equal($"{temp.Combine("fakebin", "nasm")} is NASM 2.14.2, but OVMF needs 2.15.5 or later; install a newer 'nasm' package (or put a newer nasm first on PATH).", nasm.Message);
        Assert.Equal($"{temp.Combine("fakebin", "iasl")} is ACPICA 20180105, but OVMF needs 20190215 or later; install a newer 'acpica-tools' package.", iasl.Message);
    }

    [Fact]
    public async Task Empty_firmware_output_is_an_error_naming_the_file()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("edk2", temp);

        var error = await Assert.ThrowsAsync<BuildException>(() => new OvmfBuilder(Runner).BuildAsync(
            new OvmfBuildRequest(source, OvmfVariant.Kata) { ToolPath = ToolPath(temp), ExtraDefines = ["FIXTURE_EMPTY_VARS=TRUE"] }));

        Assert.Equal(
            $"The OVMF Kata build finished but its output is not there: {source}/Build/OvmfX64/RELEASE_GCC5/FV/OVMF_VARS.fd (empty); see the build log above for the cause.",
            error.Message);
    }

    [Theory]
    [InlineData("*_GCC5_X64_CC_PATH = gcc\n*_GCC_X64_CC_PATH = gcc\n", "GCC")]
    [InlineData("*_GCC49_X64_CC_PATH = gcc\n*_GCC5_X64_CC_PATH = gcc\n", "GCC5")]
    [InlineData("*_GCC48_X64_CC_PATH = gcc\n", "GCC48")]
    public void Toolchain_tag_prefers_the_newest_gcc_name(string template, string tag)
    {
        using var temp = new TempDirectory();
        temp.WriteFile("BaseTools/Conf/tools_def.template", template);
        Assert.Equal(tag, EdkToolchainTag.Detect(temp.Path));
    }
}
