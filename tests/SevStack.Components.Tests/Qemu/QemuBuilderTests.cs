using SevStack.Components.Qemu;
using SevStack.Toolkit;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Components.Tests.Qemu;

public sealed class QemuBuilderTests
{
    readonly MemoryBuildLog log = new();
    ICommandRunner Runner => new CliWrapCommandRunner(log, Privilege.Detect());

    [Fact]
    public async Task Host_flavour_configures_out_of_tree_builds_only_the_system_binary_and_stages_without_rebuild()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("qemu", temp);
        var request = new QemuBuildRequest(source, temp.Combine("build"), QemuFlavour.Host, "/opt/sevstack") { Jobs = 2 };

        var result = await new QemuBuilder(Runner).BuildAsync(request);

        var build = temp.Combine("build", "qemu-host");
        Assert.Equal(temp.Combine("build", "qemu-host-staging", "opt", "sevstack", "bin", "qemu-system-x86_64"), result.SystemBinary);
        Assert.Equal(new Version(7, 2, 22), result.Sev!.Version);
        Assert.True(result.Sev.HasSevGuest);
        Assert.False(result.Sev.ShouldHaveSevSnpGuest);
        var calls = File.ReadAllLines(Path.Combine(build, "calls.log"));
        Assert.Equal(4, calls.Length);
        Assert.Equal("configured", calls[0]);
        Assert.Equal(["make qemu-system-x86_64", "make trace/trace-events-all"], calls[1..3].Order(StringComparer.Ordinal)); // make -j2 runs both at once
        Assert.Equal($"meson install -C {build} --no-rebuild --destdir {build}-staging", calls[3]);
        Assert.Equal(["--target-list=x86_64-softmmu", "--prefix=/opt/sevstack", "--disable-docs", "--without-default-features", "--enable-kvm", "--disable-debug-info", QemuConfigureFlags.DebianFirmwarePath],
            File.ReadAllLines(Path.Combine(build, "configure.args")).Where(a => a != "--enable-slirp"));
        Assert.False(File.Exists(Path.Combine(source, "build.ninja")));
    }

    [Fact]
    public async Task Flavours_have_separate_build_folders_and_prefixes_and_an_unchanged_configure_is_not_rerun()
    {
        using var temp = new TempDirectory();
        var source = Fixture.CopyTree("qemu", temp);
        var host = new QemuBuildRequest(source, temp.Combine("build"), QemuFlavour.Host, "/opt/sevstack");
        var kata = new QemuBuildRequest(source, temp.Combine("build"), QemuFlavour.Kata, "/opt/sevstack/kata");

        await new QemuBuilder(Runner).BuildAsync(host);
        var kataResult = await new QemuBuilder(Runner).BuildAsync(kata);
        await new QemuBuilder(Runner).BuildAsync(host);

        Assert.Equal(temp.Combine("build", "qemu-kata-staging", "opt", "sevstack", "kata", "bin", "qemu-system-x86_64"), kataResult.SystemBinary);
        Assert.Single(File.ReadAllLines(temp.Combine("build", "qemu-host", "calls.log")), l => l == "configured");
        var kataArgs = File.ReadAllLines(temp.Combine("build", "qemu-kata", "configure.args"));
        Assert.Contains("--disable-tcg", kataArgs);
        Assert.Contains("--enable-virtfs", kataArgs);
        Assert.DoesNotContain("--enable-slirp", kataArgs);
    }

    [Fact]
    public void Slirp_is_enabled_for_the_host_only_when_available()
    {
        Assert.Contains("--enable-slirp", QemuConfigureFlags.For(QemuFlavour.Host, "/p", slirpAvailable: true));
        Assert.DoesNotContain("--enable-slirp", QemuConfigureFlags.For(QemuFlavour.Host, "/p", slirpAvailable: false));
        Assert.DoesNotContain("--enable-slirp", QemuConfigureFlags.For(QemuFlavour.Kata, "/p", slirpAvailable: true));
    }

    [Fact]
    public void Qemu_8_and_later_install_no_firmware_blobs_which_debian_s_source_does_not_ship()
    {
        Assert.Equal("--disable-install-blobs", QemuConfigureFlags.For(QemuFlavour.Host, "/p", false, new Version(10, 0, 13))[^1]);
        Assert.Contains("--disable-install-blobs", QemuConfigureFlags.For(QemuFlavour.Kata, "/p", false, new Version(8, 0, 0)));
        Assert.DoesNotContain("--disable-install-blobs", QemuConfigureFlags.For(QemuFlavour.Host, "/p", false, new Version(7, 2, 22)));
        Assert.DoesNotContain("--disable-install-blobs", QemuConfigureFlags.For(QemuFlavour.Host, "/p", false));
    }

    [Fact]
    public async Task A_binary_without_sev_guest_fails_verification()
    {
        using var temp = new TempDirectory();
        var qemu = Fixture.Script(temp.Combine("qemu-system-x86_64"),
            "#!/bin/sh\ncase \"$1\" in --version) echo 'QEMU emulator version 7.2.22';; -object) printf 'List of user creatable objects:\\n  authz-list\\n';; esac\n");

        var error = await Assert.ThrowsAsync<BuildException>(() => new QemuSevVerifier(Runner).VerifyAsync(qemu));

        Assert.Equal($"QEMU 7.2.22 at {qemu} lists no 'sev-guest' object: it was built without SEV; configure it with --enable-kvm for x86_64-softmmu.", error.Message);
    }

    [Fact]
    public async Task A_version_with_snp_support_must_list_sev_snp_guest()
    {
        using var temp = new TempDirectory();
        var qemu = Fixture.Script(temp.Combine("qemu-system-x86_64"),
            "#!/bin/sh\ncase \"$1\" in --version) echo 'QEMU emulator version 9.2.0';; -object) printf 'List of user creatable objects:\\n  sev-guest\\n';; esac\n");

        var error = await Assert.ThrowsAsync<BuildException>(() => new QemuSevVerifier(Runner).VerifyAsync(qemu));

        Assert.Contains("lists no 'sev-snp-guest' object although 9.1+ has it", error.Message);
    }

    [Fact]
    public async Task Not_a_qemu_tree_is_a_clear_error()
    {
        using var temp = new TempDirectory();
        var error = await Assert.ThrowsAsync<BuildException>(() => new QemuBuilder(Runner).BuildAsync(
            new QemuBuildRequest(temp.Path, temp.Combine("build"), QemuFlavour.Host, "/opt/sevstack")));
        Assert.Equal($"{temp.Path} is not a QEMU source tree (no configure script); point the build at the unpacked qemu source.", error.Message);
    }
}
