using SevStack.Components.Smoke;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Components.Tests.Smoke;

public sealed class SmokeInitramfsTests
{
    [Fact]
    public void Init_script_loads_modules_in_order_reports_sev_and_prints_the_marker() =>
        Approved.Verify(SmokeInitScript.Generate("SEVSTACK-SMOKE-OK", ["/x/ccp.ko", "/x/kvm.ko", "/x/kvm-amd.ko"]), "init");

    [Fact]
    public async Task Archive_is_a_gzipped_newc_cpio_with_busybox_init_console_node_and_modules()
    {
        using var temp = new TempDirectory();
        var module = temp.WriteFile("kvm.ko", "not really a module");
        var archive = SmokeInitramfs.Build(temp.Combine("initramfs.cpio.gz"), "MARK", [module], new DateTimeOffset(2025, 5, 20, 0, 0, 0, TimeSpan.Zero));

        var listing = await new CliWrapCommandRunner(new MemoryBuildLog(), Privilege.Detect()).RunAsync(
            new CommandSpec("sh", "-c", "gzip -dc \"$0\" | cpio -itv --quiet", archive));

        var lines = listing.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("crw-------", StringComparison.Ordinal) && l.Contains("5,") && l.EndsWith(" dev/console", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("-rwxr-xr-x", StringComparison.Ordinal) && l.EndsWith(" init", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("-rwxr-xr-x", StringComparison.Ordinal) && l.EndsWith(" bin/busybox", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(" lib/modules/smoke/kvm.ko", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Contains("May 20  2025", l));
    }

    [Fact]
    public void A_dynamic_busybox_is_refused_naming_busybox_static()
    {
        using var temp = new TempDirectory();
        var error = Assert.Throws<BuildException>(() => SmokeInitramfs.Build(temp.Combine("i.gz"), "M", [], DateTimeOffset.UnixEpoch, busybox: "/bin/ls"));
        Assert.Equal("/bin/ls is not a statically linked executable; install the Debian package 'busybox-static' (the 'busybox' package is dynamic).", error.Message);
    }

    [Fact]
    public void Elf_linkage_tells_static_from_dynamic()
    {
        Assert.True(ElfLinkage.IsStaticallyLinked(SmokeInitramfs.DebianBusybox));
        Assert.False(ElfLinkage.IsStaticallyLinked("/bin/ls"));
        Assert.Null(ElfLinkage.IsStaticallyLinked("/etc/hostname"));
    }

    [Fact]
    public void Modules_are_ordered_with_dependencies_first()
    {
        using var temp = new TempDirectory();
        temp.WriteFile("modules.dep",
            "kernel/arch/x86/kvm/kvm-amd.ko: kernel/arch/x86/kvm/kvm.ko kernel/virt/lib/irqbypass.ko\n" +
            "kernel/arch/x86/kvm/kvm.ko: kernel/virt/lib/irqbypass.ko\n" +
            "kernel/virt/lib/irqbypass.ko:\n" +
            "kernel/drivers/crypto/ccp/ccp.ko:\n");

        var ordered = KernelModuleOrder.Resolve(temp.Path, ["ccp", "kvm_amd"]);

        Assert.Equal(["ccp.ko", "irqbypass.ko", "kvm.ko", "kvm-amd.ko"], ordered.Select(Path.GetFileName));
        Assert.Contains("Module 'nosuch' is not in", Assert.Throws<BuildException>(() => KernelModuleOrder.Resolve(temp.Path, ["nosuch"])).Message);
    }
}
