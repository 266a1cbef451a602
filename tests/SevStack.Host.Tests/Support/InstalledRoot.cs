using SevStack.Toolkit.Files;
using SevStack.Toolkit.Processes;
using SevStack.Testing;

namespace SevStack.Host.Tests.Support;

/// <summary>
/// A test root after InstallHost and a ConfigureDocker-like change to a user's daemon.json, shared by tests that must
/// leave it unchanged (UninstallHost refusals and its dry run).
/// </summary>
public sealed class InstalledRoot : IAsyncLifetime
{
    public const string DaemonJson = "/etc/docker/daemon.json";
    public const string UserDaemonJson = "{\n  \"debug\": true\n}\n";

    readonly FixturePackages packages = new();

    internal DebianTestRoot Root { get; } = new();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root.Map("/etc/docker"));
        await File.WriteAllTextAsync(Root.Map(DaemonJson), UserDaemonJson);
        await new HostHarness(Root.Path).Installer().InstallAsync(new InstallHostRequest
        {
            PackageNames = [FixturePackages.Kernel, FixturePackages.Qemu],
            RepositoryFolder = packages.RepositoryFolder,
            KvmAmd = new KvmAmdOptions(SevEs: true),
            KernelCommandLine = "mem_encrypt=on",
        });
        var log = new MemoryBuildLog();
        var root = new Privilege(IsRoot: true);
        await new HostChangeSession(new TargetRoot(Root.Path), new CliWrapCommandRunner(log, root), new FileWriter(log), root, log)
            .RunAsync("ConfigureDocker", "files under /etc/docker", changes => changes.WriteAsync(DaemonJson, "{\n  \"debug\": true,\n  \"default-runtime\": \"kata\"\n}\n"));
    }

    public Task DisposeAsync()
    {
        Root.Dispose();
        packages.Dispose();
        return Task.CompletedTask;
    }
}
