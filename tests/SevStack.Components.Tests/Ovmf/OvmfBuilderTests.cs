using SevStack.Components.Ovmf;
using SevStack.Measurement.Firmware;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
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
        foreach (var tool in new[] { "mkfs.msdos", "mcopy" })
            Fixture.Script(Path.Combine(bin, tool), "#!/bin/sh\nexit 0\n");
        // Like grub-mkimage: fails on a module not in the folder (-d, else Debian's), writes each module's name and a NUL.
        Fixture.Script(Path.Combine(bin, "grub-mkimage"), """
            #!/bin/sh
            dir=/usr/lib/grub/x86_64-efi
            while [ $# -gt 0 ]; do
                case "$1" in -d) dir="$2"; shift 2 ;; -o) out="$2"; shift 2 ;; -O) shift 2 ;; *) break ;; esac
            done
            : > "$out"
            for m in "$@"; do
                [ -e "$dir/$m.mod" ] || { echo "grub-mkimage: error: cannot open '$dir/$m.mod'" >&2; rm -f "$out"; exit 1; }
                printf '%s\0' "$m" >> "$out"
            done
            """);
        return bin + ":/usr/bin:/bin";
    }

    /// <summary>A GRUB x86_64-efi module folder holding <paramref name="modules"/>.</summary>
    static string GrubModules(TempDirectory temp, params string[] modules)
    {
        foreach (var module in modules)
            temp.WriteFile($"grub-modules/{module}.mod", "ELF");
        return temp.Combine("grub-modules");
    }

    static OvmfBuildRequest AmdSev(string source, TempDirectory temp, params string[] modules) =>
        new(source, OvmfVariant.AmdSev) { ToolPath = ToolPath(temp), GrubModuleDirectory = GrubModules(temp, modules) };

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
    public async Task AmdSev_embeds_a_grub_with_sevsecret_and_its_image_reserves_the_secret_and_hashes_areas()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("edk2", temp);

        var result = await new OvmfBuilder(Runner).BuildAsync(AmdSev(source, temp, "part_gpt", "cryptodisk", "sevsecret"));

        Assert.Null(result.Code);
        Assert.Equal(Path.Combine(source, "Build", "AmdSev", "RELEASE_GCC5", "FV", "OVMF.fd"), result.Combined);
        Assert.True(result.GrubHasSecretModule);
        Assert.Equal("part_gpt\0cryptodisk\0sevsecret\0", File.ReadAllText(Path.Combine(source, "OvmfPkg", "AmdSev", "Grub", "grub.efi")));
        Assert.Contains(FooterGuids.SevSecret, result.FooterEntries);
        Assert.Contains(FooterGuids.SevHashTableArea, result.FooterEntries);
    }

    [Fact]
    public async Task AmdSev_without_a_sevsecret_module_is_refused_before_anything_runs_unless_it_is_omitted()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("edk2", temp);
        var request = AmdSev(source, temp, "part_gpt", "cryptodisk");

        var error = await Assert.ThrowsAsync<BuildException>(() => new OvmfBuilder(Runner).BuildAsync(request));
        Assert.False(File.Exists(Path.Combine(source, "calls.log")));
        var omitted = await new OvmfBuilder(Runner).BuildAsync(request with { SecretModule = SevSecretModule.Omitted });

        Assert.Equal($"{request.GrubModuleDirectory} has no sevsecret.mod, the GRUB module that reads the SEV secret ({source}/OvmfPkg/AmdSev/Grub/grub.sh embeds it; no Debian GRUB has it): "
            + "point the GRUB module folder at a GRUB built with the SEV secret patches, or build AmdSev without it (its GRUB then asks for the disk password).", error.Message);
        Assert.False(omitted.GrubHasSecretModule);
        Assert.Equal("part_gpt\0cryptodisk\0", File.ReadAllText(Path.Combine(source, "OvmfPkg", "AmdSev", "Grub", "grub.efi")));
    }

    [Fact]
    public async Task A_grub_efi_left_by_an_earlier_build_is_made_again_from_the_current_modules()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("edk2", temp);
        var grubEfi = Path.Combine(source, "OvmfPkg", "AmdSev", "Grub", "grub.efi");
        File.WriteAllText(grubEfi, "part_gpt\0");
        File.SetLastWriteTimeUtc(grubEfi, DateTime.UtcNow.AddHours(1));

        var result = await new OvmfBuilder(Runner).BuildAsync(AmdSev(source, temp, "part_gpt", "cryptodisk", "sevsecret"));

        Assert.True(result.GrubHasSecretModule);
        Assert.Contains("sevsecret\0", File.ReadAllText(grubEfi));
    }

    [Fact]
    public async Task A_missing_grub_module_other_than_sevsecret_names_the_package()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("edk2", temp);
        var request = AmdSev(source, temp, "part_gpt", "sevsecret");

        var error = await Assert.ThrowsAsync<BuildException>(() => new OvmfBuilder(Runner).BuildAsync(request));

        Assert.Equal($"{request.GrubModuleDirectory} lacks the GRUB modules cryptodisk that {source}/OvmfPkg/AmdSev/Grub/grub.sh embeds; install grub-efi-amd64-bin (or point the GRUB module folder at a complete x86_64-efi folder).", error.Message);
    }

    [Fact]
    public async Task Debian_13s_grub_without_linuxefi_makes_the_grub_without_it_when_linux_is_listed_and_says_so()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("edk2", temp);
        var script = Path.Combine(source, "OvmfPkg", "AmdSev", "Grub", "grub.sh");
        File.WriteAllText(script, File.ReadAllText(script).Replace("            sevsecret\n", "            linux\n            linuxefi\n            sevsecret\n"));
        var request = AmdSev(source, temp, "part_gpt", "cryptodisk", "linux") with { SecretModule = SevSecretModule.Omitted };

        var result = await new OvmfBuilder(Runner, log).BuildAsync(request);

        Assert.False(result.GrubHasSecretModule);
        Assert.Equal("part_gpt\0cryptodisk\0linux\0", File.ReadAllText(Path.Combine(source, "OvmfPkg", "AmdSev", "Grub", "grub.efi")));
        Assert.Contains("amd-sev: its GRUB is made without linuxefi (in linux in this GRUB), sevsecret (omitted)", log.Lines);
    }

    [Fact]
    public void The_grub_modules_are_looked_for_in_the_build_root_not_on_this_machine()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("edk2", temp);
        var root = temp.Combine("root");
        foreach (var module in new[] { "part_gpt", "sevsecret" })
            temp.WriteFile($"root{AmdSevGrub.DebianModuleDirectory}/{module}.mod", "ELF");

        var error = Assert.Throws<BuildException>(() => new AmdSevGrub(source, AmdSevGrub.DebianModuleDirectory, root).Prepare(SevSecretModule.Required, dryRun: true));
        var planned = new AmdSevGrub(source, AmdSevGrub.DebianModuleDirectory, fileRoot: null).Prepare(SevSecretModule.Omitted, dryRun: true);

        Assert.StartsWith($"{AmdSevGrub.DebianModuleDirectory} lacks the GRUB modules cryptodisk that ", error.Message);
        Assert.Equal(Path.Combine(source, "OvmfPkg", "AmdSev", "Grub", "grub-sevstack.sh"), planned.Path);
        Assert.Equal(["sevsecret (omitted)"], planned.LeftOut);
    }

    [Fact]
    public async Task An_AmdSev_image_without_the_secret_area_fails_in_one_line()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("edk2", temp);

        var error = await Assert.ThrowsAsync<BuildException>(() => new OvmfBuilder(Runner).BuildAsync(
            AmdSev(source, temp, "part_gpt", "cryptodisk", "sevsecret") with { ExtraDefines = ["FIXTURE_NO_SECRET=TRUE"] }));

        Assert.Equal($"{source}/Build/AmdSev/RELEASE_GCC5/FV/OVMF.fd has no SEV secret area (4c2eb361-7d9b-4cc3-8081-127c90d3d294) in its footer table, which the AmdSev OVMF reserves; "
            + "this edk2 tree cannot launch SEV guests with injected secrets (use a newer edk2).", error.Message);
    }

    [Fact]
    public async Task Several_variants_build_from_one_tree_once_each_into_their_own_folders()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("edk2", temp);

        var results = await new OvmfBuilder(Runner).BuildAllAsync(
            AmdSev(source, temp, "part_gpt", "cryptodisk", "sevsecret") with { Variants = [OvmfVariant.Kata, OvmfVariant.Host, OvmfVariant.AmdSev, OvmfVariant.Kata] });

        Assert.Equal([OvmfVariant.Kata, OvmfVariant.Host, OvmfVariant.AmdSev], results.Select(r => r.Variant));
        Assert.Equal("firmware OvmfPkg/OvmfPkgX64.dsc\n", File.ReadAllText(results[0].Combined));
        Assert.Equal("firmware OvmfPkg/OvmfPkgIa32X64.dsc\n", File.ReadAllText(results[1].Combined));
        Assert.Contains(FooterGuids.SevSecret, results[2].FooterEntries);
        var calls = File.ReadAllLines(Path.Combine(source, "calls.log"));
        Assert.Single(calls, c => c.StartsWith("make BaseTools", StringComparison.Ordinal));
        Assert.Equal(["-p OvmfPkg/OvmfPkgX64.dsc", "-p OvmfPkg/OvmfPkgIa32X64.dsc", "-p OvmfPkg/AmdSev/AmdSevX64.dsc"],
            calls.Where(c => c.StartsWith("build ", StringComparison.Ordinal)).Select(c => System.Text.RegularExpressions.Regex.Match(c, "-p \\S+").Value));
    }

    [Fact]
    public async Task Variants_whose_platforms_share_a_build_folder_are_refused_before_building()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("edk2", temp);
        var kataDsc = Path.Combine(source, "OvmfPkg", "OvmfPkgX64.dsc");
        File.WriteAllText(kataDsc, File.ReadAllText(kataDsc).Replace("Build/OvmfX64", "Build/Ovmf3264", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<BuildException>(() => new OvmfBuilder(Runner).BuildAllAsync(
            new OvmfBuildRequest(source, [OvmfVariant.Host, OvmfVariant.Kata]) { ToolPath = ToolPath(temp) }));

        Assert.Equal($"the OVMF variants Host and Kata both build into Build/Ovmf3264 in {source}; build them in separate runs.", error.Message);
        Assert.False(File.Exists(Path.Combine(source, "calls.log")));
    }

    [Fact]
    public async Task A_dry_run_lists_basetools_the_grub_script_and_one_build_per_variant_and_changes_nothing()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("edk2", temp);
        var dryRun = new DryRunCommandRunner(log, Privilege.Detect(), Runner);

        var results = await new OvmfBuilder(dryRun).BuildAllAsync(
            AmdSev(source, temp, "part_gpt", "cryptodisk", "sevsecret") with { Variants = [OvmfVariant.Kata, OvmfVariant.AmdSev], Jobs = 2 });

        Assert.Equal(2, results.Count);
        var commands = log.Lines.Where(l => l.StartsWith("would run: ", StringComparison.Ordinal)).ToList();
        Assert.Contains(commands, c => c.Contains($"make -C {source}/BaseTools -j2", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains($"sh {source}/OvmfPkg/AmdSev/Grub/grub.sh", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("build -a X64 -t GCC5 -b RELEASE -n 2 -p OvmfPkg/OvmfPkgX64.dsc", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("build -a X64 -t GCC5 -b RELEASE -n 2 -p OvmfPkg/AmdSev/AmdSevX64.dsc", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(source, "calls.log")));
        Assert.False(Directory.Exists(Path.Combine(source, "Build")));
    }

    [Fact]
    public async Task An_snp_build_of_AmdSev_passes_with_the_real_footer_and_of_a_kata_image_without_snp_metadata_fails_in_one_line()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("edk2", temp);

        var amdSev = await new OvmfBuilder(Runner).BuildAsync(AmdSev(source, temp, "part_gpt", "cryptodisk", "sevsecret") with { SevLevel = SevBuildLevel.Snp });
        var error = await Assert.ThrowsAsync<BuildException>(() => new OvmfBuilder(Runner).BuildAsync(
            new OvmfBuildRequest(source, OvmfVariant.Kata) { ToolPath = ToolPath(temp), SevLevel = SevBuildLevel.Snp }));

        Assert.Contains(FooterGuids.SevMetadata, amdSev.FooterEntries);
        Assert.Equal($"{source}/Build/OvmfX64/RELEASE_GCC5/FV/OVMF.fd has no SEV-SNP metadata (dc886566-984a-4798-a75e-5585a7bf67cc) in its footer table: "
            + "the Kata OVMF cannot launch SEV-SNP guests (build the kata or amd-sev platform from an edk2 with SEV-SNP support, e.g. 2025.02).", error.Message);
    }

    [Fact]
    public async Task A_copied_tree_forgets_the_build_environment_edksetup_wrote_for_the_tree_it_came_from()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("edk2", temp);
        var stale = temp.WriteFile("edk2/Conf/BuildEnv.sh", "export EDK_TOOLS_PATH=/elsewhere/edk2/BaseTools\n");
        var own = temp.WriteFile("edk2/Conf/BuildEnv.sh.own", $"export EDK_TOOLS_PATH={source}/BaseTools\n");

        await new OvmfBuilder(Runner).BuildAsync(new OvmfBuildRequest(source, OvmfVariant.Kata) { ToolPath = ToolPath(temp) });
        Assert.False(File.Exists(stale));
        File.Move(own, stale);
        await new OvmfBuilder(Runner).BuildAsync(new OvmfBuildRequest(source, OvmfVariant.Kata) { ToolPath = ToolPath(temp) });

        Assert.True(File.Exists(stale));
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
