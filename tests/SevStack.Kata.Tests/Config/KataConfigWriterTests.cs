using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Host;
using SevStack.Kata.Config;
using SevStack.Kata.Tests.Support;
using SevStack.Testing;

namespace SevStack.Kata.Tests.Config;

public class KataConfigWriterTests
{
    const string V1Defaults = KataConfigLayout.V1PackagedDefaults;
    const string Etc = KataConfigLayout.EtcConfiguration;
    const string SnpDefaults = "/opt/kata/share/defaults/kata-containers/configuration-qemu-snp.toml";
    const string SevDefaults = "/opt/kata/share/defaults/kata-containers/configuration-qemu-sev.toml";

    /// <summary>The seed's configure_kata_runtime, as settings, on the packaged 1.x file.</summary>
    static KataSettings SeedV1Settings => new()
    {
        Generation = KataGeneration.V1,
        Confidential = ConfidentialMode.Sev,
        HypervisorPath = "/usr/local/bin/qemu-system-x86_64",
        Kernel = "/usr/share/kata-containers/vmlinuz-sev.container",
        Rootfs = GuestRootfs.Initrd("/usr/share/kata-containers/kata-containers-initrd.img"),
        Firmware = "/usr/local/share/qemu/OVMF_CODE.fd.kata",
        BlockDeviceDriver = "virtio-blk",
        KernelParams = ["root=/dev/vda1", "rootflags=data=ordered,errors=remount-ro"],
        EnableDebug = true,
    };

    static TempSysroot V1Root() => new TempSysroot()
        .With(V1Defaults, File.ReadAllText(SharedData.TestData("kata", "1.x", "configuration.toml")))
        .With("/usr/share/kata-containers/vmlinuz-sev.container")
        .With("/usr/share/kata-containers/kata-containers-initrd.img")
        .With("/usr/local/share/qemu/OVMF_CODE.fd.kata");

    static TempSysroot SnpRoot(string generation = "3.x") => new TempSysroot()
        .With(SnpDefaults, KataTemplate.RenderFile("kata", generation, "configuration-qemu-snp.toml.in"))
        .With("/opt/kata/share/kata-containers/vmlinuz-confidential.container")
        .With("/opt/kata/share/kata-containers/kata-containers-initrd-confidential.img")
        .With("/opt/kata/share/kata-containers/kata-containers-confidential.img")
        .With("/opt/kata/share/ovmf/AMDSEV.fd");

    static TempSysroot SevRoot() => new TempSysroot()
        .With(SevDefaults, KataTemplate.RenderFile("kata", "3.x", "configuration-qemu-sev.toml.in"))
        .With("/opt/kata/share/kata-containers/vmlinuz-confidential.container")
        .With("/opt/kata/share/kata-containers/kata-containers-initrd-confidential.img")
        .With("/opt/kata/share/ovmf/OVMF.fd");

    static Task<bool> Apply(TempSysroot root, KataSettings settings, KataConfigLayout layout, MemoryBuildLog? log = null) =>
        new KataConfigWriter(log ?? new MemoryBuildLog()).ApplyAsync(settings, layout, root.Changes(log));

    [Fact]
    public async Task V1_seed_settings_change_only_the_intended_lines_and_a_rerun_changes_nothing()
    {
        using var root = V1Root();
        var log = new MemoryBuildLog();
        var first = await Apply(root, SeedV1Settings, KataConfigLayout.FullFile(V1Defaults), log);
        var written = root.Read(Etc);

        Assert.True(first);
        Approved.Verify(await UnifiedDiff.OfAsync(root.Read(V1Defaults), written), "v1-seed");

        var second = await Apply(root, SeedV1Settings, KataConfigLayout.FullFile(V1Defaults), log);
        Assert.False(second);
        Assert.Equal(written, root.Read(Etc));
        Assert.Contains(log.Lines, l => l.EndsWith("unchanged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task V1_existing_etc_file_is_backed_up_once_and_its_own_edits_are_kept()
    {
        using var root = V1Root();
        var userCopy = root.Read(V1Defaults).Replace("#default_memory = 2048", "default_memory = 4096", StringComparison.Ordinal);
        root.With(Etc, userCopy);

        Assert.True(await Apply(root, SeedV1Settings, KataConfigLayout.FullFile(V1Defaults)));
        Assert.Contains("\ndefault_memory = 4096\n", root.Read(Etc), StringComparison.Ordinal);
        Approved.Verify(await UnifiedDiff.OfAsync(userCopy, root.Read(Etc)), "v1-seed");
        Assert.True(await Apply(root, SeedV1Settings with { Swiotlb = 262144 }, KataConfigLayout.FullFile(V1Defaults)));

        Assert.Equal(userCopy, root.Read(HostChangeRecord.BackupFolder + Etc));
        Assert.Equal([(Etc, HostChangeRecord.BackupFolder + Etc)], root.Record.ChangedFiles.Select(f => (f.Path, f.BackupPath)));
        Assert.Empty(root.Record.CreatedFiles);
    }

    [Fact]
    public async Task V3_snp_full_file_from_the_real_template_switches_initrd_to_image()
    {
        using var root = SnpRoot();
        var settings = new KataSettings
        {
            Generation = KataGeneration.V3,
            KataVersion = new Version(3, 18, 0),
            Confidential = ConfidentialMode.Snp,
            HypervisorPath = "/opt/sevstack/qemu/bin/qemu-system-x86_64",
            Rootfs = GuestRootfs.Image("/opt/kata/share/kata-containers/kata-containers-confidential.img"),
            Firmware = "/opt/kata/share/ovmf/AMDSEV.fd",
            EnableDebug = true,
        };
        await Apply(root, settings, KataConfigLayout.FullFile(SnpDefaults));
        var written = root.Read(Etc);
        Approved.Verify(await UnifiedDiff.OfAsync(root.Read(SnpDefaults), written), "v3-snp-full");

        Assert.False(await Apply(root, settings, KataConfigLayout.FullFile(SnpDefaults)));
        Assert.Equal(written, root.Read(Etc));
    }

    [Fact]
    public async Task V3_sev_drop_in_holds_only_the_changed_keys_and_is_stable()
    {
        using var root = SevRoot();
        var settings = new KataSettings
        {
            Generation = KataGeneration.V3,
            KataVersion = new Version(3, 18, 0),
            Confidential = ConfidentialMode.Sev,
            Kernel = "/opt/kata/share/kata-containers/vmlinuz-confidential.container",
            Firmware = "/opt/kata/share/ovmf/OVMF.fd",
            Swiotlb = 262144,
            BlockDeviceDriver = "virtio-blk",
        };
        var layout = KataConfigLayout.For(settings, KataConfigOutput.DropIn);
        Assert.Equal("/opt/kata/share/defaults/kata-containers/config.d/50-sevstack.toml", layout.Target);
        var packaged = root.Read(SevDefaults);
        Assert.True(await Apply(root, settings, layout));
        var dropIn = root.Read(layout.Target);
        Approved.Verify(dropIn, "v3-sev-dropin");
        Assert.Equal(packaged, root.Read(SevDefaults));
        Assert.False(Tomlyn.Parsing.SyntaxParser.Parse(dropIn, "dropin", true).HasErrors);

        Assert.False(await Apply(root, settings, layout));
        Assert.Equal(dropIn, root.Read(layout.Target));
        Assert.Equal([layout.Target], root.Record.CreatedFiles);
        Assert.Equal(["/opt/kata/share/defaults/kata-containers/config.d"], root.Record.CreatedDirectories);
    }

    [Fact]
    public async Task V3_drop_in_empties_the_rootfs_key_it_replaces_and_names_other_drop_ins()
    {
        using var root = SnpRoot().With("/opt/kata/share/defaults/kata-containers/config.d/90-user.toml", "[runtime]\nenable_debug = true\n");
        var log = new MemoryBuildLog();
        var settings = new KataSettings
        {
            Generation = KataGeneration.V3,
            Confidential = ConfidentialMode.Snp,
            Rootfs = GuestRootfs.Image("/opt/kata/share/kata-containers/kata-containers-confidential.img"),
        };
        var layout = KataConfigLayout.DropIn(SnpDefaults);
        await Apply(root, settings, layout, log);
        Assert.Contains(log.Lines, l => l.StartsWith("warning: ", StringComparison.Ordinal) && l.Contains("also holds 90-user.toml", StringComparison.Ordinal));

        var dropIn = TomlConfigDocument.Parse(root.Read(layout.Target), layout.Target);
        Assert.Equal("/opt/kata/share/kata-containers/kata-containers-confidential.img", dropIn.GetString("hypervisor.qemu", "image"));
        Assert.Equal("", dropIn.GetString("hypervisor.qemu", "initrd"));
    }

    [Fact]
    public async Task V4_snp_template_takes_swiotlb_and_virtio_scsi()
    {
        using var root = SnpRoot("4.x");
        var settings = new KataSettings
        {
            Generation = KataGeneration.V3,
            KataVersion = new Version(4, 1, 0),
            Confidential = ConfidentialMode.Snp,
            Firmware = "/opt/kata/share/ovmf/AMDSEV.fd",
            BlockDeviceDriver = "virtio-scsi",
            Swiotlb = 262144,
        };
        await Apply(root, settings, KataConfigLayout.FullFile(SnpDefaults));
        Approved.Verify(await UnifiedDiff.OfAsync(root.Read(SnpDefaults), root.Read(Etc)), "v4-snp-full");
    }

    [Fact]
    public async Task Swiotlb_replaces_an_earlier_value_instead_of_adding_another()
    {
        using var root = V1Root();
        await Apply(root, SeedV1Settings with { Swiotlb = 65536 }, KataConfigLayout.FullFile(V1Defaults));
        await Apply(root, SeedV1Settings with { Swiotlb = 262144 }, KataConfigLayout.FullFile(V1Defaults));

        var kernelParams = KernelParamsOf(root);
        Assert.Single(kernelParams, p => p.StartsWith("swiotlb=", StringComparison.Ordinal));
        Assert.Contains("swiotlb=262144", kernelParams);
    }

    [Fact]
    public async Task Block_device_driver_moves_the_root_device_both_ways()
    {
        using var root = V1Root();
        var layout = KataConfigLayout.FullFile(V1Defaults);

        await Apply(root, SeedV1Settings, layout);
        Assert.Contains("root=/dev/vda1", KernelParamsOf(root));

        var scsi = SeedV1Settings with { BlockDeviceDriver = "virtio-scsi", KernelParams = [] };
        await Apply(root, scsi, layout);
        Assert.Contains("root=/dev/sda1", KernelParamsOf(root));
        Assert.DoesNotContain("root=/dev/vda1", KernelParamsOf(root));
        Assert.Equal("virtio-scsi", Etc_(root).GetString("hypervisor.qemu", "block_device_driver"));

        await Apply(root, scsi with { BlockDeviceDriver = "virtio-blk" }, layout);
        Assert.Contains("root=/dev/vda1", KernelParamsOf(root));
        Assert.DoesNotContain("root=/dev/sda1", KernelParamsOf(root));
    }

    [Fact]
    public async Task Malformed_toml_is_reported_with_line_and_column_and_left_untouched()
    {
        using var root = V1Root();
        var broken = root.Read(V1Defaults).Replace("machine_type = \"pc\"", "machine_type = = \"pc\"", StringComparison.Ordinal);
        root.With(Etc, broken);

        var error = await Assert.ThrowsAsync<BuildException>(() => Apply(root, SeedV1Settings, KataConfigLayout.FullFile(V1Defaults)));

        Assert.StartsWith($"{root.Map(Etc)}:17:16: invalid TOML", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(broken, root.Read(Etc));
        Assert.False(Directory.Exists(root.Map(HostChangeRecord.BackupFolder)));
        Assert.Empty(root.Record.ChangedFiles);
    }

    [Fact]
    public async Task A_dry_run_checks_everything_prints_the_diff_and_writes_nothing()
    {
        using var root = V1Root();
        var log = new MemoryBuildLog();

        var result = await new KataConfigWriter(log).ApplyAsync(SeedV1Settings, KataConfigLayout.FullFile(V1Defaults), root.Changes(log, new RecordingCommandRunner(isDryRun: true)));

        Assert.True(result);
        Assert.False(root.Exists(Etc));
        Assert.Empty(root.Record.CreatedFiles);
        Assert.Contains($"would create {root.Map(Etc)}:", log.Lines);
        Assert.Contains("+enable_mem_encryption = true", log.Lines);
        Assert.Contains("  [hypervisor.qemu] enable_mem_encryption = true", log.Lines);
    }

    static TomlConfigDocument Etc_(TempSysroot root) => TomlConfigDocument.Parse(root.Read(Etc), Etc);

    static IReadOnlyList<string> KernelParamsOf(TempSysroot root) =>
        KernelParams.Split(Etc_(root).GetString("hypervisor.qemu", "kernel_params"));
}
