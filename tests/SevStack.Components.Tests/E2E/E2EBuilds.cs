using System.Diagnostics;
using SevStack.Components.Kernel;
using SevStack.Components.Ovmf;
using SevStack.Components.Qemu;
using SevStack.Engine.Processes;

namespace SevStack.Components.Tests.E2E;

/// <summary>
/// The real builds the E2E tests share, each run through the components exactly as a target would, with its
/// wall time written to <c>logs/times.log</c>. Reruns are incremental (the build folders persist).
/// </summary>
static class E2EBuilds
{
    public const int Jobs = 2;
    public const string QemuPrefix = "/opt/sevstack";

    static readonly Lazy<Task<(KernelConfigResult, KernelPackages)>> HostKernelBuild = new(BuildHostKernelAsync);
    static readonly Lazy<Task<QemuBuildResult>> HostQemuBuild = new(() => BuildQemuAsync(QemuFlavour.Host));
    static readonly Lazy<Task<OvmfBuildResult>> KataOvmfBuild = new(() => BuildOvmfAsync(OvmfVariant.Kata));

    public static Task<(KernelConfigResult Config, KernelPackages Packages)> HostKernelAsync() => HostKernelBuild.Value;
    public static Task<QemuBuildResult> HostQemuAsync() => HostQemuBuild.Value;
    public static Task<OvmfBuildResult> KataOvmfAsync() => KataOvmfBuild.Value;

    /// <summary>
    /// The outputs of earlier E2E builds when they are all there (the smoke test consumes them; the build tests
    /// prove they are built correctly), else the builds are run now.
    /// </summary>
    public static async Task<(KernelPackages Kernel, string Qemu, OvmfBuildResult Ovmf)> ForSmokeAsync()
    {
        var obj = Path.Combine(E2EWorkspace.Builds, "kernel", "linux-host");
        var releaseFile = Path.Combine(obj, "include", "config", "kernel.release");
        // SEVSTACK_E2E_QEMU boots with another QEMU (e.g. Debian's /usr/bin/qemu-system-x86_64) while the built one is not there yet.
        var qemu = Environment.GetEnvironmentVariable("SEVSTACK_E2E_QEMU") is { Length: > 0 } other ? other
            : Path.Combine(E2EWorkspace.Builds, "qemu", "qemu-host-staging", QemuPrefix.TrimStart('/'), "bin", "qemu-system-x86_64");
        var fv = Path.Combine(await E2EWorkspace.Edk2Async(), "Build", "OvmfX64", "RELEASE_GCC5", "FV");
        if (File.Exists(releaseFile) && File.Exists(qemu) && File.Exists(Path.Combine(fv, "OVMF.fd")))
        {
            var release = File.ReadAllText(releaseFile).Trim();
            var image = Path.Combine(E2EWorkspace.Builds, "kernel", $"linux-image-{release}_{KernelPackageVersion}_amd64.deb");
            if (File.Exists(image))
                return (new KernelPackages(release, KernelPackageVersion, image, null, ""), qemu,
                    new OvmfBuildResult(OvmfVariant.Kata, fv, "GCC5", Path.Combine(fv, "OVMF_CODE.fd"), Path.Combine(fv, "OVMF_VARS.fd"), Path.Combine(fv, "OVMF.fd")));
        }
        return ((await HostKernelAsync()).Packages, (await HostQemuAsync()).SystemBinary, await KataOvmfAsync());
    }

    const string KernelPackageVersion = "6.1-sevstack-e2e1";

    static async Task<(KernelConfigResult, KernelPackages)> BuildHostKernelAsync()
    {
        var source = await E2EWorkspace.LinuxAsync();
        var obj = Path.Combine(E2EWorkspace.Builds, "kernel", "linux-host");
        using var log = E2EWorkspace.Log("kernel-host");
        var runner = new CliWrapCommandRunner(log, Privilege.Detect());
        var config = await Timed("kernel-host configure (tinyconfig + SEV)", () => new KernelConfigurator(runner).ConfigureAsync(
            new KernelConfigRequest(source, obj, KernelFlavour.Host, KernelConfigBase.Tinyconfig)));
        var packages = await Timed("kernel-host bindeb-pkg", () => new KernelBuilder(runner).BuildHostPackagesAsync(
            new KernelBuildRequest(source, obj, E2EWorkspace.SourceDate) { Jobs = Jobs, PackageVersion = KernelPackageVersion }));
        return (config, packages);
    }

    public static async Task<KernelImages> BuildGuestKernelAsync()
    {
        var source = await E2EWorkspace.LinuxAsync();
        var obj = Path.Combine(E2EWorkspace.Builds, "kernel", "linux-guest");
        using var log = E2EWorkspace.Log("kernel-guest");
        var runner = new CliWrapCommandRunner(log, Privilege.Detect());
        await Timed("kernel-guest configure (tinyconfig + SEV guest)", () => new KernelConfigurator(runner).ConfigureAsync(
            new KernelConfigRequest(source, obj, KernelFlavour.Guest, KernelConfigBase.Tinyconfig)));
        return await Timed("kernel-guest bzImage vmlinux", () => new KernelBuilder(runner).BuildGuestImagesAsync(
            new KernelBuildRequest(source, obj, E2EWorkspace.SourceDate) { Jobs = Jobs, LocalVersion = "-sev.container" }));
    }

    public static async Task<QemuBuildResult> BuildQemuAsync(QemuFlavour flavour)
    {
        var source = await E2EWorkspace.QemuAsync();
        using var log = E2EWorkspace.Log("qemu-" + flavour.ToString().ToLowerInvariant());
        var runner = new CliWrapCommandRunner(log, Privilege.Detect());
        var prefix = flavour == QemuFlavour.Host ? QemuPrefix : QemuPrefix + "/kata";
        return await Timed($"qemu-{flavour} configure+make+install+verify", () => new QemuBuilder(runner).BuildAsync(
            new QemuBuildRequest(source, Path.Combine(E2EWorkspace.Builds, "qemu"), flavour, prefix) { Jobs = Jobs }));
    }

    public static async Task<OvmfBuildResult> BuildOvmfAsync(OvmfVariant variant)
    {
        var source = await E2EWorkspace.Edk2Async();
        using var log = E2EWorkspace.Log("ovmf-" + variant.ToString().ToLowerInvariant());
        var runner = new CliWrapCommandRunner(log, Privilege.Detect());
        return await Timed($"ovmf-{variant} BaseTools+build", () => new OvmfBuilder(runner).BuildAsync(
            new OvmfBuildRequest(source, variant) { Jobs = Jobs }));
    }

    public static async Task<T> Timed<T>(string what, Func<Task<T>> step)
    {
        var clock = Stopwatch.StartNew();
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var ok = false;
        try
        {
            var result = await step();
            ok = true;
            return result;
        }
        finally
        {
            Directory.CreateDirectory(E2EWorkspace.Logs);
            File.AppendAllText(Path.Combine(E2EWorkspace.Logs, "times.log"),
                $"{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}Z {what}: {clock.Elapsed:mm\\:ss\\.f} {(ok ? "ok" : "FAILED")} (load at start {load})\n");
        }
    }
}
